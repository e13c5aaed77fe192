package io.petrel.codec;

import java.util.Optional;

/**
 * MQTT 5 reason codes (MQTT 5.0 section 2.4). Several names share a value (0x00 is Success, Normal
 * disconnection or Granted QoS 0 depending on the packet), so decoding needs the packet type: see
 * {@link #of(int, PacketType)}. MQTT 3.1.1 return codes map onto the same model.
 */
public enum ReasonCode {
  SUCCESS(0x00),
  NORMAL_DISCONNECTION(0x00),
  GRANTED_QOS_0(0x00),
  GRANTED_QOS_1(0x01),
  GRANTED_QOS_2(0x02),
  DISCONNECT_WITH_WILL_MESSAGE(0x04),
  NO_MATCHING_SUBSCRIBERS(0x10),
  NO_SUBSCRIPTION_EXISTED(0x11),
  CONTINUE_AUTHENTICATION(0x18),
  REAUTHENTICATE(0x19),
  UNSPECIFIED_ERROR(0x80),
  MALFORMED_PACKET(0x81),
  PROTOCOL_ERROR(0x82),
  IMPLEMENTATION_SPECIFIC_ERROR(0x83),
  UNSUPPORTED_PROTOCOL_VERSION(0x84),
  CLIENT_IDENTIFIER_NOT_VALID(0x85),
  BAD_USER_NAME_OR_PASSWORD(0x86),
  NOT_AUTHORIZED(0x87),
  SERVER_UNAVAILABLE(0x88),
  SERVER_BUSY(0x89),
  BANNED(0x8A),
  SERVER_SHUTTING_DOWN(0x8B),
  BAD_AUTHENTICATION_METHOD(0x8C),
  KEEP_ALIVE_TIMEOUT(0x8D),
  SESSION_TAKEN_OVER(0x8E),
  TOPIC_FILTER_INVALID(0x8F),
  TOPIC_NAME_INVALID(0x90),
  PACKET_IDENTIFIER_IN_USE(0x91),
  PACKET_IDENTIFIER_NOT_FOUND(0x92),
  RECEIVE_MAXIMUM_EXCEEDED(0x93),
  TOPIC_ALIAS_INVALID(0x94),
  PACKET_TOO_LARGE(0x95),
  MESSAGE_RATE_TOO_HIGH(0x96),
  QUOTA_EXCEEDED(0x97),
  ADMINISTRATIVE_ACTION(0x98),
  PAYLOAD_FORMAT_INVALID(0x99),
  RETAIN_NOT_SUPPORTED(0x9A),
  QOS_NOT_SUPPORTED(0x9B),
  USE_ANOTHER_SERVER(0x9C),
  SERVER_MOVED(0x9D),
  SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E),
  CONNECTION_RATE_EXCEEDED(0x9F),
  MAXIMUM_CONNECT_TIME(0xA0),
  SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1),
  WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2);

  private final int value;

  ReasonCode(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  /** Values of 0x80 and above are failures [MQTT 5.0 section 2.4]. */
  public boolean isError() {
    return value >= 0x80;
  }

  /** The reason code a SUBACK grants for a QoS. */
  public static ReasonCode granted(QoS qos) {
    return switch (qos) {
      case AT_MOST_ONCE -> GRANTED_QOS_0;
      case AT_LEAST_ONCE -> GRANTED_QOS_1;
      case EXACTLY_ONCE -> GRANTED_QOS_2;
    };
  }

  /**
   * The reason code a value means in a packet of the given type, or empty if the value is not one
   * that packet may carry.
   */
  public static Optional<ReasonCode> of(int value, PacketType packet) {
    if (value == 0x00) {
      return Optional.of(
          switch (packet) {
            case SUBACK -> GRANTED_QOS_0;
            case DISCONNECT -> NORMAL_DISCONNECTION;
            default -> SUCCESS;
          });
    }
    for (ReasonCode code : values()) {
      if (code.value == value && code.value != 0 && ReasonCodeRules.allowedIn(code, packet)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  /** The MQTT 3.1/3.1.1 CONNACK return code that best expresses this reason [MQTT-3.2.2-4]. */
  public int toMqtt3ConnectReturnCode() {
    return switch (this) {
      case SUCCESS -> 0;
      case UNSUPPORTED_PROTOCOL_VERSION -> 1;
      case CLIENT_IDENTIFIER_NOT_VALID -> 2;
      case BAD_USER_NAME_OR_PASSWORD, BAD_AUTHENTICATION_METHOD -> 4;
      case NOT_AUTHORIZED, BANNED -> 5;
      default -> 3;
    };
  }

  /** The reason code for an MQTT 3.1/3.1.1 CONNACK return code, if it is one of 0 to 5. */
  public static Optional<ReasonCode> fromMqtt3ConnectReturnCode(int returnCode) {
    return Optional.ofNullable(
        switch (returnCode) {
          case 0 -> SUCCESS;
          case 1 -> UNSUPPORTED_PROTOCOL_VERSION;
          case 2 -> CLIENT_IDENTIFIER_NOT_VALID;
          case 3 -> SERVER_UNAVAILABLE;
          case 4 -> BAD_USER_NAME_OR_PASSWORD;
          case 5 -> NOT_AUTHORIZED;
          default -> null;
        });
  }

  @Override
  public String toString() {
    return String.format("0x%02X %s", value, name());
  }
}
