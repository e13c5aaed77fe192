package io.petrel.broker.connection;

import io.petrel.broker.config.BrokerConfig;
import io.petrel.codec.Connect;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.ReasonCode;
import java.util.Optional;
import java.util.UUID;

/** Decides whether a CONNECT is accepted, and with which client id. */
final class ConnectRules {

  /**
   * The outcome of the CONNECT checks.
   *
   * @param refusal the reason to refuse with, if refused
   * @param clientId the client id to use (assigned when the client sent none)
   * @param assigned whether the server assigned the client id
   * @param why a reason for the log line when refused
   */
  record Decision(Optional<ReasonCode> refusal, String clientId, boolean assigned, String why) {
    static Decision refuse(ReasonCode code, String clientId, String why) {
      return new Decision(Optional.of(code), clientId, false, why);
    }
  }

  private ConnectRules() {}

  static Decision decide(Connect connect, BrokerConfig config) {
    ProtocolVersion version = connect.version();
    String clientId = connect.clientId();
    boolean assigned = false;
    if (clientId.isEmpty()) {
      if (version == ProtocolVersion.MQTT_3_1) {
        // MQTT 3.1 requires a client id of at least one character.
        return Decision.refuse(
            ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "", "empty client id in MQTT 3.1");
      }
      if (!connect.cleanStart() && version != ProtocolVersion.MQTT_5) {
        return Decision.refuse(
            ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
            "",
            "empty client id without clean session [MQTT-3.1.3-8]");
      }
      if (!config.allowZeroLengthClientId()) {
        return Decision.refuse(
            ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
            "",
            "empty client id and allow_zero_length_clientid is false");
      }
      clientId = config.autoIdPrefix() + UUID.randomUUID(); // [MQTT-3.1.3-6]
      assigned = true;
    }
    // Client ids longer than 23 characters are accepted for every version (seed 002).
    if (connect.properties().contains(PropertyId.AUTHENTICATION_METHOD)) {
      // Enhanced authentication decides who the client is (MQTT 5.0 section 4.12).
      return new Decision(Optional.empty(), clientId, assigned, "");
    }
    if (connect.username().isEmpty() && !config.allowAnonymous()) {
      return Decision.refuse(
          ReasonCode.NOT_AUTHORIZED, clientId, "anonymous clients are not allowed");
    }
    if (connect.username().isPresent() && !config.allowAnonymous()) {
      // No user store yet: with anonymous access off nobody can log in (as Mosquitto 2 does).
      return Decision.refuse(
          ReasonCode.BAD_USER_NAME_OR_PASSWORD, clientId, "no password file configured");
    }
    if (version != ProtocolVersion.MQTT_5
        && (connect.keepAliveSeconds() > config.maxKeepalive()
            || (connect.keepAliveSeconds() == 0 && config.maxKeepalive() < 65535))) {
      // MQTT 3 has no way to tell the client another keep-alive: refuse, as Mosquitto does.
      return Decision.refuse(
          ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
          clientId,
          "keep alive "
              + connect.keepAliveSeconds()
              + "s is above max_keepalive "
              + config.maxKeepalive()
              + "s");
    }
    return new Decision(Optional.empty(), clientId, assigned, "");
  }

  /** The keep-alive that applies: MQTT 5 clients are held to max_keepalive via CONNACK. */
  static int effectiveKeepAlive(Connect connect, BrokerConfig config) {
    int requested = connect.keepAliveSeconds();
    if (connect.version() == ProtocolVersion.MQTT_5
        && (requested > config.maxKeepalive() || requested == 0)
        && config.maxKeepalive() < 65535) {
      return config.maxKeepalive();
    }
    return requested;
  }
}
