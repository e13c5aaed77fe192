package io.petrel.codec;

import java.util.Objects;

/**
 * PUBLISH. {@code packetId} is 0 for QoS 0 and 1 to 65535 otherwise [MQTT-2.2.1-2]. The topic may
 * be empty only in MQTT 5 when a topic alias stands for it.
 */
public record Publish(
    String topic,
    Bytes payload,
    QoS qos,
    boolean retain,
    boolean dup,
    int packetId,
    MqttProperties properties)
    implements MqttPacket {
  public Publish {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(properties, "properties");
    if (qos == QoS.AT_MOST_ONCE ? packetId != 0 : packetId < 1 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("bad packet id " + packetId + " for QoS " + qos.value());
    }
  }

  @Override
  public PacketType type() {
    return PacketType.PUBLISH;
  }

  public Publish withPacketId(int id) {
    return new Publish(topic, payload, qos, retain, dup, id, properties);
  }

  @Override
  public String toString() {
    return "Publish[topic="
        + topic
        + ", qos="
        + qos.value()
        + ", retain="
        + retain
        + ", dup="
        + dup
        + ", packetId="
        + packetId
        + ", payload="
        + payload.length()
        + " bytes, properties="
        + properties
        + "]";
  }
}
