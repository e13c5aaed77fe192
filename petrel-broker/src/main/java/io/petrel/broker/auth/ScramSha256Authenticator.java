package io.petrel.broker.auth;

import io.petrel.codec.Bytes;
import io.petrel.codec.ReasonCode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as an MQTT 5 enhanced-authentication method: the CONNECT
 * carries the client-first-message, AUTH 0x18 the server-first-message, the client's AUTH 0x18 the
 * client-final-message and the CONNACK the server-final-message. Channel binding is not supported.
 */
public final class ScramSha256Authenticator implements EnhancedAuthenticator {
  public static final String METHOD = "SCRAM-SHA-256";

  /** 18 random bytes: 144 bits, 24 base64 characters without padding. */
  private static final int SERVER_NONCE_BYTES = 18;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserStore users;
  private final UnknownUserCredentials unknownUsers;
  private final Supplier<String> serverNonces;

  /**
   * With a random secret for unknown users' made-up salts. Those salts then change when the broker
   * restarts while real ones do not, so a client that watches across restarts could tell them
   * apart; pass a kept secret to the other constructor to close that gap.
   */
  public ScramSha256Authenticator(UserStore users) {
    this(users, randomBytes(32));
  }

  /**
   * @param unknownUserSecret at least 16 bytes, kept across restarts, from which the made-up salts
   *     of unknown users are derived (RFC 5802 section 9)
   */
  public ScramSha256Authenticator(UserStore users, byte[] unknownUserSecret) {
    this(users, unknownUserSecret, ScramSha256Authenticator::randomNonce);
  }

  /** With chosen server nonces, so tests can replay the exchange of RFC 7677 section 3. */
  ScramSha256Authenticator(
      UserStore users, byte[] unknownUserSecret, Supplier<String> serverNonces) {
    this.users = users;
    this.unknownUsers = new UnknownUserCredentials(unknownUserSecret);
    this.serverNonces = serverNonces;
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public AuthExchange begin(String clientId, Optional<String> username, Bytes authData) {
    try {
      ClientFirstMessage clientFirst = ClientFirstMessage.parse(authData);
      String name = clientFirst.username();
      if (clientFirst.authzid().isPresent() && !clientFirst.authzid().get().equals(name)) {
        // Acting as another user would need rules for who may; there are none, so refuse.
        throw new ScramRejection(
            ReasonCode.NOT_AUTHORIZED, "an authorization identity (a=) other than n= is refused");
      }
      if (username.isPresent() && !username.get().equals(name)) {
        // One connection, one identity: ACLs must not see one name while SCRAM proved another.
        throw new ScramRejection(
            ReasonCode.NOT_AUTHORIZED,
            "the SCRAM user name (n=) differs from the CONNECT User Name");
      }
      // Made up every time, used or not, so that known and unknown names cost the same.
      ScramCredential madeUp = unknownUsers.forUser(name);
      Optional<ScramCredential> credential = users.scramCredential(name);
      String nonce = clientFirst.clientNonce() + serverNonces.get();
      return new ScramExchange(
          clientFirst, nonce, credential.orElse(madeUp), credential.isPresent());
    } catch (ScramRejection e) {
      return AuthExchange.failed(e.toFailure());
    }
  }

  private static String randomNonce() {
    return Base64.getEncoder().encodeToString(randomBytes(SERVER_NONCE_BYTES));
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
