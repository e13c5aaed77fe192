package io.petrel.codec;

import static io.petrel.codec.PacketType.*;

import java.util.EnumSet;
import java.util.Set;

/** MQTT 5 property identifiers with their wire type and the packets that may carry them. */
public enum PropertyId {
  PAYLOAD_FORMAT_INDICATOR(0x01, Type.BYTE, true, PUBLISH),
  MESSAGE_EXPIRY_INTERVAL(0x02, Type.FOUR_BYTE_INTEGER, true, PUBLISH),
  CONTENT_TYPE(0x03, Type.UTF8_STRING, true, PUBLISH),
  RESPONSE_TOPIC(0x08, Type.UTF8_STRING, true, PUBLISH),
  CORRELATION_DATA(0x09, Type.BINARY, true, PUBLISH),
  SUBSCRIPTION_IDENTIFIER(0x0B, Type.VARIABLE_BYTE_INTEGER, false, PUBLISH, SUBSCRIBE),
  SESSION_EXPIRY_INTERVAL(0x11, Type.FOUR_BYTE_INTEGER, false, CONNECT, CONNACK, DISCONNECT),
  ASSIGNED_CLIENT_IDENTIFIER(0x12, Type.UTF8_STRING, false, CONNACK),
  SERVER_KEEP_ALIVE(0x13, Type.TWO_BYTE_INTEGER, false, CONNACK),
  AUTHENTICATION_METHOD(0x15, Type.UTF8_STRING, false, CONNECT, CONNACK, AUTH),
  AUTHENTICATION_DATA(0x16, Type.BINARY, false, CONNECT, CONNACK, AUTH),
  REQUEST_PROBLEM_INFORMATION(0x17, Type.BYTE, false, CONNECT),
  WILL_DELAY_INTERVAL(0x18, Type.FOUR_BYTE_INTEGER, true),
  REQUEST_RESPONSE_INFORMATION(0x19, Type.BYTE, false, CONNECT),
  RESPONSE_INFORMATION(0x1A, Type.UTF8_STRING, false, CONNACK),
  SERVER_REFERENCE(0x1C, Type.UTF8_STRING, false, CONNACK, DISCONNECT),
  REASON_STRING(
      0x1F,
      Type.UTF8_STRING,
      false,
      CONNACK,
      PUBACK,
      PUBREC,
      PUBREL,
      PUBCOMP,
      SUBACK,
      UNSUBACK,
      DISCONNECT,
      AUTH),
  RECEIVE_MAXIMUM(0x21, Type.TWO_BYTE_INTEGER, false, CONNECT, CONNACK),
  TOPIC_ALIAS_MAXIMUM(0x22, Type.TWO_BYTE_INTEGER, false, CONNECT, CONNACK),
  TOPIC_ALIAS(0x23, Type.TWO_BYTE_INTEGER, false, PUBLISH),
  MAXIMUM_QOS(0x24, Type.BYTE, false, CONNACK),
  RETAIN_AVAILABLE(0x25, Type.BYTE, false, CONNACK),
  USER_PROPERTY(0x26, Type.UTF8_STRING_PAIR, true, PacketType.values()),
  MAXIMUM_PACKET_SIZE(0x27, Type.FOUR_BYTE_INTEGER, false, CONNECT, CONNACK),
  WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, Type.BYTE, false, CONNACK),
  SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, Type.BYTE, false, CONNACK),
  SHARED_SUBSCRIPTION_AVAILABLE(0x2A, Type.BYTE, false, CONNACK);

  /** Wire encodings of property values (MQTT 5.0 section 1.5). */
  public enum Type {
    BYTE,
    TWO_BYTE_INTEGER,
    FOUR_BYTE_INTEGER,
    VARIABLE_BYTE_INTEGER,
    UTF8_STRING,
    BINARY,
    UTF8_STRING_PAIR
  }

  private static final PropertyId[] BY_ID = new PropertyId[0x2B];

  static {
    for (PropertyId p : values()) {
      BY_ID[p.id] = p;
    }
  }

  private final int id;
  private final Type type;
  private final boolean allowedInWill;
  private final Set<PacketType> packets;

  PropertyId(int id, Type type, boolean allowedInWill, PacketType... packets) {
    this.id = id;
    this.type = type;
    this.allowedInWill = allowedInWill;
    this.packets =
        packets.length == 0 ? EnumSet.noneOf(PacketType.class) : EnumSet.of(packets[0], packets);
  }

  public int id() {
    return id;
  }

  public Type type() {
    return type;
  }

  /** Whether the property may appear in the given packet [MQTT-2.2.2-2]. */
  public boolean allowedIn(PacketType packet) {
    return packets.contains(packet);
  }

  /** Whether the property may appear in a CONNECT's will properties (MQTT 5.0 section 3.1.3.2). */
  public boolean allowedInWill() {
    return allowedInWill;
  }

  /** Only user properties and subscription identifiers may appear more than once. */
  public boolean repeatable() {
    return this == USER_PROPERTY || this == SUBSCRIPTION_IDENTIFIER;
  }

  /** The property for a wire identifier, or null if there is none. */
  public static PropertyId ofId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }
}
