package io.petrel.codec;

import java.util.List;
import java.util.Objects;

/**
 * UNSUBACK. MQTT 5 carries one reason code per topic filter; MQTT 3.1.1 carries none, so its
 * UNSUBACK decodes with an empty list.
 */
public record UnsubAck(int packetId, List<ReasonCode> reasonCodes, MqttProperties properties)
    implements MqttPacket {
  public UnsubAck {
    reasonCodes = List.copyOf(reasonCodes);
    Objects.requireNonNull(properties, "properties");
  }

  @Override
  public PacketType type() {
    return PacketType.UNSUBACK;
  }
}
