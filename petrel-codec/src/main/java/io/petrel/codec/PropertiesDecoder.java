package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;

/**
 * Reads the MQTT 5 properties of a packet or of a will (MQTT 5.0 section 2.2.2): the property
 * length as a variable byte integer, then identifier and value pairs.
 *
 * <p>An identifier that is unknown or not valid for the packet is a Malformed Packet (section
 * 2.2.2.2); a property that may appear once but appears twice, or a value outside its range, is a
 * Protocol Error (the "It is a Protocol Error to include ... more than once" sentences of sections
 * 3.1.2.11 to 3.15.2.2).
 */
final class PropertiesDecoder {
  // The spec numbers no rule for most property checks: cite the section that defines properties.
  private static final String PROPERTIES = "MQTT-2.2.2.2";

  private PropertiesDecoder() {}

  static MqttProperties decode(ByteBuf in, PacketType packet) throws MalformedPacketException {
    return decode(in, packet, false);
  }

  /** The will properties of a CONNECT (MQTT 5.0 section 3.1.3.2). */
  static MqttProperties decodeWill(ByteBuf in) throws MalformedPacketException {
    return decode(in, PacketType.CONNECT, true);
  }

  private static MqttProperties decode(ByteBuf in, PacketType packet, boolean will)
      throws MalformedPacketException {
    int length = MqttDataTypes.readVariableByteInteger(in, "property length");
    if (length > in.readableBytes()) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-2.1.4", "property length runs past the end of the packet");
    }
    if (length == 0) {
      return MqttProperties.EMPTY;
    }
    ByteBuf props = in.readSlice(length);
    MqttProperties.Builder builder = MqttProperties.builder();
    int subscriptionIds = 0;
    while (props.isReadable()) {
      int code = MqttDataTypes.readVariableByteInteger(props, "property identifier");
      PropertyId id = PropertyId.ofId(code);
      String where = will ? "will properties" : packet.name();
      if (id == null) {
        throw new MalformedPacketException(
            MALFORMED_PACKET, PROPERTIES, String.format("unknown property 0x%02X", code));
      }
      if (will ? !id.allowedInWill() : !id.allowedIn(packet)) {
        throw new MalformedPacketException(
            MALFORMED_PACKET, PROPERTIES, id + " is not allowed in " + where);
      }
      // SUBSCRIPTION_IDENTIFIER repeats only in a PUBLISH, which carries one per matching
      // subscription; a SUBSCRIBE carries at most one (MQTT 5.0 section 3.8.2.1.2).
      boolean repeatable =
          id == PropertyId.USER_PROPERTY
              || (id == PropertyId.SUBSCRIPTION_IDENTIFIER && packet == PacketType.PUBLISH);
      if (!repeatable
          && (builder.has(id)
              || (id == PropertyId.SUBSCRIPTION_IDENTIFIER && subscriptionIds > 0))) {
        throw new MalformedPacketException(
            PROTOCOL_ERROR, PROPERTIES, id + " appears more than once in " + where);
      }
      if (id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
        subscriptionIds++;
      }
      readValue(props, id, builder);
    }
    return builder.build();
  }

  private static void readValue(ByteBuf in, PropertyId id, MqttProperties.Builder builder)
      throws MalformedPacketException {
    String field = id.name();
    switch (id.type()) {
      case BYTE -> {
        int value = MqttDataTypes.readUnsignedByte(in, field);
        // Every byte property is a 0/1 flag (Maximum QoS too: it is sent only as 0 or 1).
        if (value > 1) {
          throw new MalformedPacketException(
              PROTOCOL_ERROR, PROPERTIES, field + " must be 0 or 1, not " + value);
        }
        builder.integer(id, value);
      }
      case TWO_BYTE_INTEGER -> {
        int value = MqttDataTypes.readTwoByteInteger(in, field);
        if (value == 0 && id == PropertyId.TOPIC_ALIAS) {
          throw new MalformedPacketException(
              ReasonCode.TOPIC_ALIAS_INVALID, "MQTT-3.3.2-8", "topic alias 0 is not permitted");
        }
        if (value == 0 && id == PropertyId.RECEIVE_MAXIMUM) {
          throw new MalformedPacketException(
              PROTOCOL_ERROR, PROPERTIES, "RECEIVE_MAXIMUM must not be 0");
        }
        builder.integer(id, value);
      }
      case FOUR_BYTE_INTEGER -> {
        long value = MqttDataTypes.readFourByteInteger(in, field);
        if (value == 0 && id == PropertyId.MAXIMUM_PACKET_SIZE) {
          throw new MalformedPacketException(
              PROTOCOL_ERROR, PROPERTIES, "MAXIMUM_PACKET_SIZE must not be 0");
        }
        builder.integer(id, value);
      }
      case VARIABLE_BYTE_INTEGER -> {
        int value = MqttDataTypes.readVariableByteInteger(in, field);
        if (value == 0) { // the only one is SUBSCRIPTION_IDENTIFIER: 1 to 268,435,455
          throw new MalformedPacketException(PROTOCOL_ERROR, PROPERTIES, field + " must not be 0");
        }
        builder.integer(id, value);
      }
      case UTF8_STRING -> builder.string(id, MqttDataTypes.readString(in, field));
      case BINARY -> builder.binary(id, MqttDataTypes.readBinary(in, field));
      case UTF8_STRING_PAIR -> {
        String name = MqttDataTypes.readString(in, "user property name");
        builder.userProperty(name, MqttDataTypes.readString(in, "user property value"));
      }
    }
  }
}
