package io.petrel.broker.auth;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a server keeps for a SCRAM-SHA-256 user (RFC 5802 section 3): enough to check a client proof
 * and to prove itself, but not the password. StoredKey alone does not let anyone log in; it would
 * take the ClientKey, which only a client that knows the password can compute.
 *
 * <p>Passwords are used as their UTF-8 bytes without SASLprep (RFC 4013), which the JDK lacks. For
 * ASCII passwords that is the same thing; clients must not normalise other passwords differently.
 *
 * @param salt the salt for Hi, sent to the client in the server-first-message
 * @param iterations the iteration count for Hi
 * @param storedKey H(ClientKey)
 * @param serverKey HMAC(SaltedPassword, "Server Key")
 */
public record ScramCredential(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
  /** RFC 7677 section 4: at least 4096 iterations. */
  public static final int DEFAULT_ITERATIONS = 4096;

  public static final int DEFAULT_SALT_LENGTH = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  public ScramCredential {
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(storedKey, "storedKey");
    Objects.requireNonNull(serverKey, "serverKey");
    if (salt.length == 0) {
      throw new IllegalArgumentException("the salt is empty");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("the iteration count must be positive: " + iterations);
    }
    if (storedKey.length != ScramCrypto.KEY_LENGTH || serverKey.length != ScramCrypto.KEY_LENGTH) {
      throw new IllegalArgumentException("SCRAM-SHA-256 keys are 32 bytes");
    }
    salt = salt.clone();
    storedKey = storedKey.clone();
    serverKey = serverKey.clone();
  }

  /** Derives the credential with a fresh random 16-byte salt and 4096 iterations. */
  public static ScramCredential fromPassword(char[] password) {
    byte[] salt = new byte[DEFAULT_SALT_LENGTH];
    RANDOM.nextBytes(salt);
    return fromPassword(password, salt, DEFAULT_ITERATIONS);
  }

  /** Derives the credential; the caller still owns the password array and should clear it. */
  public static ScramCredential fromPassword(char[] password, byte[] salt, int iterations) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(salt, "salt");
    if (salt.length == 0 || iterations < 1) {
      throw new IllegalArgumentException("a SCRAM credential needs a salt and a positive count");
    }
    byte[] saltedPassword = ScramCrypto.saltedPassword(password, salt, iterations);
    byte[] clientKey = ScramCrypto.hmac(saltedPassword, "Client Key");
    byte[] storedKey = ScramCrypto.sha256(clientKey);
    byte[] serverKey = ScramCrypto.hmac(saltedPassword, "Server Key");
    // Either of these logs the user in; do not leave them on the heap longer than needed.
    Arrays.fill(saltedPassword, (byte) 0);
    Arrays.fill(clientKey, (byte) 0);
    return new ScramCredential(salt, iterations, storedKey, serverKey);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] storedKey() {
    return storedKey.clone();
  }

  @Override
  public byte[] serverKey() {
    return serverKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScramCredential other
        && iterations == other.iterations
        && Arrays.equals(salt, other.salt)
        && Arrays.equals(storedKey, other.storedKey)
        && Arrays.equals(serverKey, other.serverKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(salt), iterations, Arrays.hashCode(storedKey));
  }

  /** Leaves the keys out: log lines and test failures have no use for them. */
  @Override
  public String toString() {
    return "ScramCredential[iterations=" + iterations + ", salt=" + salt.length + " bytes]";
  }
}
