package io.petrel.codec;

import io.netty.buffer.ByteBuf;

/** Sizes and writes PUBLISH (all but its payload) and the four publish acknowledgements. */
final class PublishEncoder {
  private PublishEncoder() {}

  /** The PUBLISH body without its payload, which is written by reference, not copied. */
  static int publishHeaderSize(Publish p, ProtocolVersion version) {
    // An empty topic stands for a topic alias, which only MQTT 5 has [MQTT-4.7.3-1].
    if (p.topic().isEmpty()
        && !(version.isMqtt5() && p.properties().contains(PropertyId.TOPIC_ALIAS))) {
      throw new IllegalArgumentException("empty topic name without a topic alias");
    }
    publishFlags(p); // refuses DUP with QoS 0 before anything is allocated
    int size = MqttDataTypes.stringSize(p.topic()) + (p.qos() == QoS.AT_MOST_ONCE ? 0 : 2);
    if (version.isMqtt5()) {
      size += PropertiesEncoder.size(p.properties(), PacketType.PUBLISH, false);
    }
    return size;
  }

  static void writePublishHeader(ByteBuf out, Publish p, ProtocolVersion version) {
    MqttDataTypes.writeString(out, p.topic());
    if (p.qos() != QoS.AT_MOST_ONCE) {
      out.writeShort(p.packetId());
    }
    if (version.isMqtt5()) {
      PropertiesEncoder.write(out, p.properties(), PacketType.PUBLISH, false);
    }
  }

  static int publishFlags(Publish p) {
    if (p.dup() && p.qos() == QoS.AT_MOST_ONCE) {
      throw new IllegalArgumentException("DUP must be 0 for QoS 0 [MQTT-3.3.1-2]");
    }
    return (p.dup() ? 0x08 : 0) | p.qos().value() << 1 | (p.retain() ? 0x01 : 0);
  }

  /**
   * MQTT 3.1/3.1.1 acks are only a packet identifier: their reason code and properties are dropped.
   * MQTT 5 leaves both out for Success without properties (section 3.4.2.1).
   */
  static int ackBodySize(
      PacketType type, ReasonCode code, MqttProperties props, ProtocolVersion version) {
    if (!version.isMqtt5()) {
      return 2;
    }
    MqttEncoder.checkReasonCode(code, type);
    if (code.value() == 0 && props.isEmpty()) {
      return 2;
    }
    return 3 + PropertiesEncoder.size(props, type, false);
  }

  static void writeAck(
      ByteBuf out,
      PacketType type,
      int packetId,
      ReasonCode code,
      MqttProperties props,
      ProtocolVersion version) {
    out.writeShort(packetId);
    if (version.isMqtt5() && (code.value() != 0 || !props.isEmpty())) {
      out.writeByte(code.value());
      PropertiesEncoder.write(out, props, type, false);
    }
  }
}
