package io.petrel.codec;

import java.util.Objects;

/** CONNACK. For MQTT 3.1/3.1.1 the reason code is written as its return code. */
public record ConnAck(boolean sessionPresent, ReasonCode reasonCode, MqttProperties properties)
    implements MqttPacket {
  public ConnAck {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }

  @Override
  public PacketType type() {
    return PacketType.CONNACK;
  }
}
