package io.petrel.codec;

import java.util.List;
import java.util.Objects;

/** UNSUBSCRIBE: at least one topic filter [MQTT-3.10.3-2]. */
public record Unsubscribe(int packetId, List<String> topicFilters, MqttProperties properties)
    implements MqttPacket {
  public Unsubscribe {
    topicFilters = List.copyOf(topicFilters);
    Objects.requireNonNull(properties, "properties");
    if (packetId < 1 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("packet id must be 1 to 65535: " + packetId);
    }
  }

  @Override
  public PacketType type() {
    return PacketType.UNSUBSCRIBE;
  }
}
