package io.petrel.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * CONNECT. {@code cleanStart} is "clean session" in MQTT 3.1/3.1.1. {@code keepAliveSeconds} is 0
 * to 65535; 0 turns keep-alive off.
 */
public record Connect(
    ProtocolVersion version,
    String clientId,
    boolean cleanStart,
    int keepAliveSeconds,
    Optional<String> username,
    Optional<Bytes> password,
    Optional<Will> will,
    MqttProperties properties)
    implements MqttPacket {
  public Connect {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(will, "will");
    Objects.requireNonNull(properties, "properties");
    if (keepAliveSeconds < 0 || keepAliveSeconds > 0xFFFF) {
      throw new IllegalArgumentException("keep alive must be 0 to 65535: " + keepAliveSeconds);
    }
  }

  @Override
  public PacketType type() {
    return PacketType.CONNECT;
  }

  @Override
  public String toString() {
    // Never print the password.
    return "Connect[version="
        + version
        + ", clientId="
        + clientId
        + ", cleanStart="
        + cleanStart
        + ", keepAlive="
        + keepAliveSeconds
        + ", username="
        + username.orElse("")
        + ", password="
        + (password.isPresent() ? "****" : "")
        + ", will="
        + will.map(w -> w.topic() + " qos=" + w.qos().value() + " retain=" + w.retain()).orElse("")
        + ", properties="
        + properties
        + "]";
  }
}
