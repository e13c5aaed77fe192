package io.petrel.broker.connection;

import io.petrel.broker.auth.ClientClasses;
import io.petrel.broker.auth.PasswordFileAuthenticator;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.codec.Connect;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.ReasonCode;
import java.util.Optional;
import java.util.UUID;

/** Decides whether a CONNECT is accepted, with which client id, and who the client is. */
final class ConnectRules {

  /**
   * The outcome of the CONNECT checks.
   *
   * @param refusal the reason to refuse with, if refused
   * @param clientId the client id to use (assigned when the client sent none)
   * @param assigned whether the server assigned the client id
   * @param username who the client is, when accepted: see {@link ClientConnection#username()}
   * @param failedLogin whether it was refused because the user name and password did not verify
   * @param why a reason for the log line when refused
   */
  record Decision(
      Optional<ReasonCode> refusal,
      String clientId,
      boolean assigned,
      Optional<String> username,
      boolean failedLogin,
      String why) {
    static Decision accept(String clientId, boolean assigned, Optional<String> username) {
      return new Decision(Optional.empty(), clientId, assigned, username, false, "");
    }

    static Decision refuse(ReasonCode code, String clientId, String why) {
      return new Decision(Optional.of(code), clientId, false, Optional.empty(), false, why);
    }

    static Decision refuseLogin(String clientId) {
      return new Decision(
          Optional.of(ReasonCode.BAD_USER_NAME_OR_PASSWORD),
          clientId,
          false,
          Optional.empty(),
          true,
          "bad user name or password");
    }
  }

  private ConnectRules() {}

  /**
   * @param certificateUsername the name the client's TLS certificate gives it, on a listener with
   *     {@code use_identity_as_username}; it replaces the CONNECT's user name and password
   * @param passwords the users of {@code password_file}, if set
   * @param allowAnonymous whether the listener lets clients without a username in: its own setting
   *     with {@code per_listener_settings}, else the global one
   */
  static Decision decide(
      Connect connect,
      Optional<String> certificateUsername,
      BrokerConfig config,
      Optional<PasswordFileAuthenticator> passwords,
      boolean allowAnonymous) {
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
    if (config.clientClasses()) {
      try {
        new ClientClasses(config.clientClassOrg(), config.wildcardSyntax()).classify(clientId);
      } catch (IllegalArgumentException e) {
        // A d:, a: or g: id that names no valid device, application or gateway: 0x85 in MQTT 5,
        // return code 2 (identifier rejected) in 3.1.1.
        return Decision.refuse(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, clientId, e.getMessage());
      }
    }
    if (connect.properties().contains(PropertyId.AUTHENTICATION_METHOD)) {
      // Enhanced authentication decides who the client is (MQTT 5.0 section 4.12); the
      // password file is not asked.
      return Decision.accept(clientId, assigned, Optional.empty());
    }
    if (certificateUsername.isEmpty()) {
      if (connect.username().isEmpty() && !allowAnonymous) {
        return Decision.refuse(
            ReasonCode.NOT_AUTHORIZED, clientId, "anonymous clients are not allowed");
      }
      if (connect.username().isPresent() && passwords.isEmpty() && !allowAnonymous) {
        // With anonymous access off and no users, nobody can log in (as Mosquitto 2 does).
        return Decision.refuse(
            ReasonCode.BAD_USER_NAME_OR_PASSWORD, clientId, "no password file configured");
      }
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
    // Last, after the cheap checks: a password costs a hash.
    return identify(connect, clientId, assigned, certificateUsername, passwords);
  }

  /**
   * Who the client is: the certificate's name (TLS proved it, and Mosquitto checks no password then
   * either), the CONNECT's user name once the password file verified it, or, without a password
   * file, the user name as sent, unverified, as Mosquitto has it. A refusal if the user name and
   * password did not verify.
   */
  private static Decision identify(
      Connect connect,
      String clientId,
      boolean assigned,
      Optional<String> certificateUsername,
      Optional<PasswordFileAuthenticator> passwords) {
    if (certificateUsername.isPresent()) {
      return Decision.accept(clientId, assigned, certificateUsername);
    }
    Optional<String> username = connect.username();
    if (username.isEmpty() || passwords.isEmpty()) {
      return Decision.accept(clientId, assigned, username);
    }
    // No password is a failure whoever the user is, so skipping the hash tells nothing.
    boolean verified =
        connect.password().isPresent()
            && passwords.get().check(username.get(), connect.password().get().toByteArray());
    return verified
        ? Decision.accept(clientId, assigned, username)
        : Decision.refuseLogin(clientId);
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
