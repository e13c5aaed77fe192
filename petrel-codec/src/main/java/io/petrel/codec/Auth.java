package io.petrel.codec;

import java.util.Objects;

/** AUTH, MQTT 5 only: one step of an enhanced authentication exchange. */
public record Auth(ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {
  public Auth {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }

  @Override
  public PacketType type() {
    return PacketType.AUTH;
  }
}
