package io.petrel.codec;

import java.util.List;
import java.util.Objects;

/** SUBACK: one reason code per topic filter of the SUBSCRIBE, in order [MQTT-3.8.4-6]. */
public record SubAck(int packetId, List<ReasonCode> reasonCodes, MqttProperties properties)
    implements MqttPacket {
  public SubAck {
    reasonCodes = List.copyOf(reasonCodes);
    Objects.requireNonNull(properties, "properties");
  }

  @Override
  public PacketType type() {
    return PacketType.SUBACK;
  }
}
