package io.petrel.broker.config;

/** What a listener speaks: Mosquitto's {@code protocol} key. */
public enum ListenerProtocol {
  MQTT,
  WEBSOCKETS
}
