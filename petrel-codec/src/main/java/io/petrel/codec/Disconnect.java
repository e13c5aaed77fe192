package io.petrel.codec;

import java.util.Objects;

/** DISCONNECT. MQTT 3.1.1 has neither reason code nor properties: it decodes as normal. */
public record Disconnect(ReasonCode reasonCode, MqttProperties properties) implements MqttPacket {
  public static final Disconnect NORMAL =
      new Disconnect(ReasonCode.NORMAL_DISCONNECTION, MqttProperties.EMPTY);

  public Disconnect {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }

  @Override
  public PacketType type() {
    return PacketType.DISCONNECT;
  }
}
