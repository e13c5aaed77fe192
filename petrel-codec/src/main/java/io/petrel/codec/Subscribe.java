package io.petrel.codec;

import java.util.List;
import java.util.Objects;

/** SUBSCRIBE: at least one topic filter [MQTT-3.8.3-3]. */
public record Subscribe(int packetId, List<Subscription> subscriptions, MqttProperties properties)
    implements MqttPacket {
  public Subscribe {
    subscriptions = List.copyOf(subscriptions);
    Objects.requireNonNull(properties, "properties");
    if (packetId < 1 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("packet id must be 1 to 65535: " + packetId);
    }
  }

  @Override
  public PacketType type() {
    return PacketType.SUBSCRIBE;
  }
}
