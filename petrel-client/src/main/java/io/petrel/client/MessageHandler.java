package io.petrel.client;

import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;

/**
 * Receives the messages of one subscription ("Listen"). Handlers run one at a time, in arrival
 * order, on the client's callback thread, never on its network thread: a slow handler delays later
 * messages but not acknowledgements or keep-alive. A handler must not wait for another operation of
 * the same client with the blocking facade (that result is delivered on the same thread).
 */
@FunctionalInterface
public interface MessageHandler {
  /**
   * Called once per message for every subscription whose filter matches the topic.
   *
   * @param topic the topic the message was published to
   * @param payload the message payload, immutable
   * @param properties the MQTT 5 properties of the message; empty for MQTT 3.1.1
   */
  void onMessage(String topic, Bytes payload, MqttProperties properties);
}
