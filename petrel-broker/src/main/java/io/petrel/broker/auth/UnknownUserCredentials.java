package io.petrel.broker.auth;

import java.util.Arrays;

/**
 * Made-up credentials for user names the store does not know, so that the server-first-message of
 * an unknown user looks like a real one and the exchange fails only at the proof, like a wrong
 * password (RFC 5802 section 9). Each is derived from the name and a server secret: asking twice
 * gives the same salt, as it would for a real user, and nobody without the secret can tell it from
 * a real salt. It costs three HMACs and no PBKDF2, so unknown names are no slower than known ones.
 */
final class UnknownUserCredentials {
  private final byte[] secret;

  UnknownUserCredentials(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the unknown-user secret needs at least 16 bytes");
    }
    this.secret = secret.clone();
  }

  /** Salt length and iteration count match what {@link ScramCredential#fromPassword} makes. */
  ScramCredential forUser(String username) {
    byte[] salt =
        Arrays.copyOf(
            ScramCrypto.hmac(secret, "salt:" + username), ScramCredential.DEFAULT_SALT_LENGTH);
    return new ScramCredential(
        salt,
        ScramCredential.DEFAULT_ITERATIONS,
        ScramCrypto.hmac(secret, "stored-key:" + username),
        ScramCrypto.hmac(secret, "server-key:" + username));
  }
}
