package io.petrel.codec;

import java.util.Objects;

/** PUBREL, one step of a QoS 2 flow. */
public record PubRel(int packetId, ReasonCode reasonCode, MqttProperties properties)
    implements MqttPacket {
  public PubRel {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
    if (packetId < 1 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("packet id must be 1 to 65535: " + packetId);
    }
  }

  /** A successful PUBREL without properties, the only form MQTT 3.1.1 has. */
  public PubRel(int packetId) {
    this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
  }

  @Override
  public PacketType type() {
    return PacketType.PUBREL;
  }
}
