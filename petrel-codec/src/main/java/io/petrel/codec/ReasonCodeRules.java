package io.petrel.codec;

import static io.petrel.codec.ReasonCode.*;

import java.util.EnumSet;
import java.util.Set;

/** Which reason codes each MQTT 5 packet may carry (MQTT 5.0 sections 3.2.2.2 to 3.15.2.1). */
final class ReasonCodeRules {
  private static final Set<ReasonCode> CONNACK =
      EnumSet.of(
          SUCCESS,
          UNSPECIFIED_ERROR,
          MALFORMED_PACKET,
          PROTOCOL_ERROR,
          IMPLEMENTATION_SPECIFIC_ERROR,
          UNSUPPORTED_PROTOCOL_VERSION,
          CLIENT_IDENTIFIER_NOT_VALID,
          BAD_USER_NAME_OR_PASSWORD,
          NOT_AUTHORIZED,
          SERVER_UNAVAILABLE,
          SERVER_BUSY,
          BANNED,
          BAD_AUTHENTICATION_METHOD,
          TOPIC_NAME_INVALID,
          PACKET_TOO_LARGE,
          QUOTA_EXCEEDED,
          PAYLOAD_FORMAT_INVALID,
          RETAIN_NOT_SUPPORTED,
          QOS_NOT_SUPPORTED,
          USE_ANOTHER_SERVER,
          SERVER_MOVED,
          CONNECTION_RATE_EXCEEDED);
  private static final Set<ReasonCode> PUBACK_PUBREC =
      EnumSet.of(
          SUCCESS,
          NO_MATCHING_SUBSCRIBERS,
          UNSPECIFIED_ERROR,
          IMPLEMENTATION_SPECIFIC_ERROR,
          NOT_AUTHORIZED,
          TOPIC_NAME_INVALID,
          PACKET_IDENTIFIER_IN_USE,
          QUOTA_EXCEEDED,
          PAYLOAD_FORMAT_INVALID);
  private static final Set<ReasonCode> PUBREL_PUBCOMP =
      EnumSet.of(SUCCESS, PACKET_IDENTIFIER_NOT_FOUND);
  private static final Set<ReasonCode> SUBACK =
      EnumSet.of(
          GRANTED_QOS_0,
          GRANTED_QOS_1,
          GRANTED_QOS_2,
          UNSPECIFIED_ERROR,
          IMPLEMENTATION_SPECIFIC_ERROR,
          NOT_AUTHORIZED,
          TOPIC_FILTER_INVALID,
          PACKET_IDENTIFIER_IN_USE,
          QUOTA_EXCEEDED,
          SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
          SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
          WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);
  private static final Set<ReasonCode> UNSUBACK =
      EnumSet.of(
          SUCCESS,
          NO_SUBSCRIPTION_EXISTED,
          UNSPECIFIED_ERROR,
          IMPLEMENTATION_SPECIFIC_ERROR,
          NOT_AUTHORIZED,
          TOPIC_FILTER_INVALID,
          PACKET_IDENTIFIER_IN_USE);
  private static final Set<ReasonCode> DISCONNECT =
      EnumSet.complementOf(
          EnumSet.of(
              SUCCESS,
              GRANTED_QOS_0,
              GRANTED_QOS_1,
              GRANTED_QOS_2,
              NO_MATCHING_SUBSCRIBERS,
              NO_SUBSCRIPTION_EXISTED,
              CONTINUE_AUTHENTICATION,
              REAUTHENTICATE,
              UNSUPPORTED_PROTOCOL_VERSION,
              CLIENT_IDENTIFIER_NOT_VALID,
              BAD_USER_NAME_OR_PASSWORD,
              SERVER_UNAVAILABLE,
              BANNED,
              BAD_AUTHENTICATION_METHOD,
              PACKET_IDENTIFIER_IN_USE,
              PACKET_IDENTIFIER_NOT_FOUND));
  private static final Set<ReasonCode> AUTH =
      EnumSet.of(SUCCESS, CONTINUE_AUTHENTICATION, REAUTHENTICATE);

  private ReasonCodeRules() {}

  static boolean allowedIn(ReasonCode code, PacketType packet) {
    return switch (packet) {
      case CONNACK -> CONNACK.contains(code);
      case PUBACK, PUBREC -> PUBACK_PUBREC.contains(code);
      case PUBREL, PUBCOMP -> PUBREL_PUBCOMP.contains(code);
      case SUBACK -> SUBACK.contains(code);
      case UNSUBACK -> UNSUBACK.contains(code);
      case DISCONNECT -> DISCONNECT.contains(code);
      case AUTH -> AUTH.contains(code);
      default -> false;
    };
  }
}
