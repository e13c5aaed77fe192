package io.petrel.broker.config;

/**
 * What a listener speaks: Mosquitto's {@code protocol} key. {@link #MQTT} also accepts MQTT over
 * WebSocket on the same port (detected from the first bytes); {@link #WEBSOCKETS} accepts WebSocket
 * only, as in Mosquitto.
 */
public enum ListenerProtocol {
  MQTT,
  WEBSOCKETS
}
