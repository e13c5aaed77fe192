package io.petrel.broker.config;

import java.util.Objects;

/**
 * One network listener.
 *
 * @param bindAddress the address to bind; {@code 0.0.0.0} or {@code ::} for all interfaces
 * @param port the TCP port; 0 picks a free ephemeral port (tests)
 * @param protocol what the listener speaks
 */
public record ListenerConfig(String bindAddress, int port, ListenerProtocol protocol) {
  public ListenerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(protocol, "protocol");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
  }

  /** Plain MQTT on loopback, the safe default when there is no config file. */
  public static ListenerConfig loopback(int port) {
    return new ListenerConfig("127.0.0.1", port, ListenerProtocol.MQTT);
  }
}
