package io.petrel.client;

/**
 * Told when the client's connection comes up and goes down, automatic reconnects included. Runs on
 * the client's callback thread, like {@link MessageHandler}s.
 */
public interface ConnectionListener {
  /**
   * A CONNACK accepted the connection.
   *
   * @param result what the broker answered
   * @param reconnect true when this is an automatic reconnect, not a call of {@code connect()}
   */
  default void connected(ConnectResult result, boolean reconnect) {}

  /**
   * The connection ended.
   *
   * @param cause why: the broker's DISCONNECT reason, a network error, or a {@code disconnect()}
   * @param willReconnect whether the client will try to reconnect by itself
   */
  default void disconnected(Throwable cause, boolean willReconnect) {}
}
