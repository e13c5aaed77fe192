package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;

/** Reads PUBLISH (MQTT 5.0 section 3.3). */
final class PublishDecoder {
  private PublishDecoder() {}

  static Publish decode(
      int flags, ByteBuf in, ProtocolVersion version, boolean fromClient, WildcardSyntax syntax)
      throws MalformedPacketException {
    boolean retain = (flags & 0x01) != 0;
    int qos = (flags >> 1) & 0x03;
    boolean dup = (flags & 0x08) != 0;
    if (qos == 3) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-3.3.1-4", "PUBLISH must not have both QoS bits set");
    }
    if (dup && qos == 0) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-3.3.1-2", "DUP must be 0 for a QoS 0 PUBLISH");
    }
    String topic = MqttDataTypes.readString(in, "topic name");
    checkNoWildcards(topic, syntax, "topic name", "MQTT-3.3.2-2");
    int packetId = 0;
    if (qos > 0) {
      packetId = MqttDataTypes.readTwoByteInteger(in, "packet identifier");
      if (packetId == 0) {
        throw new MalformedPacketException(
            PROTOCOL_ERROR,
            fromClient ? "MQTT-2.2.1-3" : "MQTT-2.2.1-4",
            "a QoS " + qos + " PUBLISH needs a non-zero packet identifier");
      }
    }
    MqttProperties properties = MqttProperties.EMPTY;
    if (version.isMqtt5()) {
      properties = PropertiesDecoder.decode(in, PacketType.PUBLISH);
      checkProperties(properties, fromClient, syntax);
    }
    // An empty topic name stands for the topic of a topic alias, which only MQTT 5 has.
    if (topic.isEmpty() && !properties.contains(PropertyId.TOPIC_ALIAS)) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-4.7.3-1", "empty topic name without a topic alias");
    }
    Bytes payload = MqttDataTypes.readBytes(in, in.readableBytes());
    return new Publish(topic, payload, QoS.of(qos), retain, dup, packetId, properties);
  }

  private static void checkProperties(
      MqttProperties properties, boolean fromClient, WildcardSyntax syntax)
      throws MalformedPacketException {
    if (fromClient && !properties.subscriptionIdentifiers().isEmpty()) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR,
          "MQTT-3.3.4-6",
          "a PUBLISH from a client must not carry a subscription identifier");
    }
    if (properties.contains(PropertyId.RESPONSE_TOPIC)) {
      String responseTopic = properties.string(PropertyId.RESPONSE_TOPIC).orElseThrow();
      checkNoWildcards(responseTopic, syntax, "response topic", "MQTT-3.3.2-14");
    }
  }

  private static void checkNoWildcards(
      String topic, WildcardSyntax syntax, String field, String rule)
      throws MalformedPacketException {
    for (int i = 0; i < topic.length(); i++) {
      if (syntax.isWildcard(topic.charAt(i))) {
        throw new MalformedPacketException(
            PROTOCOL_ERROR,
            rule,
            field + " must not contain the wildcard '" + topic.charAt(i) + "'");
      }
    }
  }
}
