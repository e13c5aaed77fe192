package io.petrel.client;

/**
 * Receives the messages of one subscription with their QoS and retain flag, for callers that need
 * more than {@link MessageHandler} gives (a command-line subscriber printing them, say). Runs on
 * the client's callback thread, like {@link MessageHandler}.
 */
@FunctionalInterface
public interface MessageListener {
  /**
   * Called once per message for every subscription whose filter matches the topic.
   *
   * @param message the message
   */
  void onMessage(Message message);
}
