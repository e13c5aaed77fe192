package io.petrel.codec;

import java.util.Objects;

/** PUBACK, one step of a QoS 1 flow. */
public record PubAck(int packetId, ReasonCode reasonCode, MqttProperties properties)
    implements MqttPacket {
  public PubAck {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
    if (packetId < 1 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("packet id must be 1 to 65535: " + packetId);
    }
  }

  /** A successful PUBACK without properties, the only form MQTT 3.1.1 has. */
  public PubAck(int packetId) {
    this(packetId, ReasonCode.SUCCESS, MqttProperties.EMPTY);
  }

  @Override
  public PacketType type() {
    return PacketType.PUBACK;
  }
}
