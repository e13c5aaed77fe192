package io.petrel.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** Sizes and writes SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK. */
final class SubscribeEncoder {
  private SubscribeEncoder() {}

  static int subscribeBodySize(Subscribe s, ProtocolVersion version) {
    if (s.subscriptions().isEmpty()) {
      throw new IllegalArgumentException(
          "SUBSCRIBE needs at least one topic filter [MQTT-3.8.3-2]");
    }
    int size = 2 + propertiesSize(s.properties(), PacketType.SUBSCRIBE, version);
    for (Subscription sub : s.subscriptions()) {
      size += MqttDataTypes.stringSize(sub.topicFilter()) + 1;
    }
    return size;
  }

  /** MQTT 3.1/3.1.1 options are only the maximum QoS; the MQTT 5 options are dropped. */
  static void writeSubscribe(ByteBuf out, Subscribe s, ProtocolVersion version) {
    out.writeShort(s.packetId());
    writeProperties(out, s.properties(), PacketType.SUBSCRIBE, version);
    for (Subscription sub : s.subscriptions()) {
      MqttDataTypes.writeString(out, sub.topicFilter());
      SubscriptionOptions o = sub.options();
      int options = o.maxQos().value();
      if (version.isMqtt5()) {
        options |=
            (o.noLocal() ? 0x04 : 0)
                | (o.retainAsPublished() ? 0x08 : 0)
                | o.retainHandling().value() << 4;
      }
      out.writeByte(options);
    }
  }

  static int subAckBodySize(SubAck s, ProtocolVersion version) {
    checkPacketId(s.packetId());
    checkCodes(s.reasonCodes(), PacketType.SUBACK);
    return 2 + propertiesSize(s.properties(), PacketType.SUBACK, version) + s.reasonCodes().size();
  }

  /** MQTT 3.1.1 return codes are the granted QoS or 0x80 for any failure [MQTT-3.9.3-2]. */
  static void writeSubAck(ByteBuf out, SubAck s, ProtocolVersion version) {
    out.writeShort(s.packetId());
    writeProperties(out, s.properties(), PacketType.SUBACK, version);
    for (ReasonCode code : s.reasonCodes()) {
      out.writeByte(version.isMqtt5() || !code.isError() ? code.value() : 0x80);
    }
  }

  static int unsubscribeBodySize(Unsubscribe u, ProtocolVersion version) {
    if (u.topicFilters().isEmpty()) {
      throw new IllegalArgumentException(
          "UNSUBSCRIBE needs at least one topic filter [MQTT-3.10.3-2]");
    }
    int size = 2 + propertiesSize(u.properties(), PacketType.UNSUBSCRIBE, version);
    for (String filter : u.topicFilters()) {
      size += MqttDataTypes.stringSize(filter);
    }
    return size;
  }

  static void writeUnsubscribe(ByteBuf out, Unsubscribe u, ProtocolVersion version) {
    out.writeShort(u.packetId());
    writeProperties(out, u.properties(), PacketType.UNSUBSCRIBE, version);
    for (String filter : u.topicFilters()) {
      MqttDataTypes.writeString(out, filter);
    }
  }

  /** An MQTT 3.1/3.1.1 UNSUBACK is only the packet identifier. */
  static int unsubAckBodySize(UnsubAck u, ProtocolVersion version) {
    checkPacketId(u.packetId());
    if (!version.isMqtt5()) {
      return 2;
    }
    checkCodes(u.reasonCodes(), PacketType.UNSUBACK);
    return 2
        + propertiesSize(u.properties(), PacketType.UNSUBACK, version)
        + u.reasonCodes().size();
  }

  static void writeUnsubAck(ByteBuf out, UnsubAck u, ProtocolVersion version) {
    out.writeShort(u.packetId());
    if (version.isMqtt5()) {
      writeProperties(out, u.properties(), PacketType.UNSUBACK, version);
      for (ReasonCode code : u.reasonCodes()) {
        out.writeByte(code.value());
      }
    }
  }

  private static int propertiesSize(
      MqttProperties props, PacketType type, ProtocolVersion version) {
    return version.isMqtt5() ? PropertiesEncoder.size(props, type, false) : 0;
  }

  private static void writeProperties(
      ByteBuf out, MqttProperties props, PacketType type, ProtocolVersion version) {
    if (version.isMqtt5()) {
      PropertiesEncoder.write(out, props, type, false);
    }
  }

  private static void checkPacketId(int packetId) {
    if (packetId < 1 || packetId > 0xFFFF) {
      throw new IllegalArgumentException("packet id must be 1 to 65535: " + packetId);
    }
  }

  private static void checkCodes(List<ReasonCode> codes, PacketType type) {
    if (codes.isEmpty()) {
      throw new IllegalArgumentException(type + " needs one reason code per topic filter");
    }
    for (ReasonCode code : codes) {
      MqttEncoder.checkReasonCode(code, type);
    }
  }
}
