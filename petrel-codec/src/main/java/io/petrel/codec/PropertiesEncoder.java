package io.petrel.codec;

import io.netty.buffer.ByteBuf;

/**
 * Writes MQTT 5 properties: the property length, then each property as identifier and value, in
 * identifier order, then subscription identifiers and user properties in their given order (which
 * must be kept [MQTT-3.3.2-18]).
 */
final class PropertiesEncoder {
  private PropertiesEncoder() {}

  /**
   * The size of the properties including their length prefix.
   *
   * @throws IllegalArgumentException if a property is not allowed in the packet (or in a will)
   */
  static int size(MqttProperties properties, PacketType packet, boolean will) {
    int body = bodySize(properties, packet, will);
    return MqttDataTypes.variableByteIntegerSize(body) + body;
  }

  static void write(ByteBuf out, MqttProperties properties, PacketType packet, boolean will) {
    MqttDataTypes.writeVariableByteInteger(out, bodySize(properties, packet, will));
    for (PropertyId id : properties.presentSingleValued()) {
      out.writeByte(id.id());
      Object value = properties.rawValue(id);
      switch (id.type()) {
        case BYTE -> out.writeByte((int) (long) (Long) value);
        case TWO_BYTE_INTEGER -> out.writeShort((int) (long) (Long) value);
        case FOUR_BYTE_INTEGER -> out.writeInt((int) (long) (Long) value);
        case VARIABLE_BYTE_INTEGER ->
            MqttDataTypes.writeVariableByteInteger(out, (int) (long) (Long) value);
        case UTF8_STRING -> MqttDataTypes.writeString(out, (String) value);
        case BINARY -> MqttDataTypes.writeBinary(out, (Bytes) value);
        case UTF8_STRING_PAIR -> throw new IllegalStateException("user properties are a list");
      }
    }
    for (int subscriptionId : properties.subscriptionIdentifiers()) {
      out.writeByte(PropertyId.SUBSCRIPTION_IDENTIFIER.id());
      MqttDataTypes.writeVariableByteInteger(out, subscriptionId);
    }
    for (UserProperty p : properties.userProperties()) {
      out.writeByte(PropertyId.USER_PROPERTY.id());
      MqttDataTypes.writeString(out, p.name());
      MqttDataTypes.writeString(out, p.value());
    }
  }

  private static int bodySize(MqttProperties properties, PacketType packet, boolean will) {
    if (properties.isEmpty()) {
      return 0;
    }
    int size = 0;
    for (PropertyId id : properties.presentSingleValued()) {
      check(id, packet, will);
      Object value = properties.rawValue(id);
      size +=
          1
              + switch (id.type()) {
                case BYTE -> 1;
                case TWO_BYTE_INTEGER -> 2;
                case FOUR_BYTE_INTEGER -> 4;
                case VARIABLE_BYTE_INTEGER ->
                    MqttDataTypes.variableByteIntegerSize((int) (long) (Long) value);
                case UTF8_STRING -> MqttDataTypes.stringSize((String) value);
                case BINARY -> MqttDataTypes.binarySize((Bytes) value);
                case UTF8_STRING_PAIR ->
                    throw new IllegalStateException("user properties are a list");
              };
    }
    if (!properties.subscriptionIdentifiers().isEmpty()) {
      check(PropertyId.SUBSCRIPTION_IDENTIFIER, packet, will);
      if (packet != PacketType.PUBLISH && properties.subscriptionIdentifiers().size() > 1) {
        throw new IllegalArgumentException("a " + packet + " carries one subscription identifier");
      }
      for (int subscriptionId : properties.subscriptionIdentifiers()) {
        if (subscriptionId == 0) {
          throw new IllegalArgumentException("subscription identifier 0 is not allowed");
        }
        size += 1 + MqttDataTypes.variableByteIntegerSize(subscriptionId);
      }
    }
    if (!properties.userProperties().isEmpty()) {
      check(PropertyId.USER_PROPERTY, packet, will);
      for (UserProperty p : properties.userProperties()) {
        size += 1 + MqttDataTypes.stringSize(p.name()) + MqttDataTypes.stringSize(p.value());
      }
    }
    if (size > MqttDataTypes.MAX_VARIABLE_BYTE_INTEGER) {
      throw new IllegalArgumentException("properties too large: " + size + " bytes");
    }
    return size;
  }

  private static void check(PropertyId id, PacketType packet, boolean will) {
    if (will ? !id.allowedInWill() : !id.allowedIn(packet)) {
      throw new IllegalArgumentException(
          id + " is not allowed in " + (will ? "will properties" : packet.name()));
    }
  }
}
