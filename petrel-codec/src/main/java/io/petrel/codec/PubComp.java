package io.petrel.codec;

import java.util.Objects;

/** PUBCOMP, one step of a QoS 2 flow. */
public record PubComp(int packetId, ReasonCode reasonCode, MqttProperties properties)
    implements MqttPacket {
  public PubComp {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
    if (packetId < 1 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("packet id must be 1 to 65535: " + packetId);
    }
  }

  /** A successful PUBCOMP without properties, the only form MQTT 3.1.1 has. */
  public PubComp(int packetId) {
    this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
  }

  @Override
  public PacketType type() {
    return PacketType.PUBCOMP;
  }
}
