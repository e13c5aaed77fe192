package io.petrel.broker.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mosquitto 2's hash, {@code $7$<iterations>$<salt>$<hash>}: PBKDF2 with HMAC-SHA512 over the
 * password bytes, one 64-byte block. {@code mosquitto_passwd} uses a 12-byte salt and 101
 * iterations.
 */
public final class Pbkdf2Sha512Hash implements PasswordHash {
  /** What {@code mosquitto_passwd} of Mosquitto 2 uses, and so Petrel by default. */
  public static final int DEFAULT_ITERATIONS = 101;

  static final int SALT_LENGTH = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  Pbkdf2Sha512Hash(int iterations, byte[] salt, byte[] hash) {
    if (iterations < 1 || salt.length == 0) {
      throw new IllegalArgumentException("PBKDF2 needs a salt and at least one iteration");
    }
    if (hash.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          "the hash has " + hash.length + " bytes; a PBKDF2-HMAC-SHA512 hash has " + HASH_LENGTH);
    }
    this.iterations = iterations;
    this.salt = salt.clone();
    this.hash = hash.clone();
  }

  /** Hashes {@code password} with a fresh random 12-byte salt, as mosquitto_passwd does. */
  public static Pbkdf2Sha512Hash of(byte[] password, int iterations) {
    byte[] salt = new byte[SALT_LENGTH];
    RANDOM.nextBytes(salt);
    return new Pbkdf2Sha512Hash(iterations, salt, derive(password, salt, iterations));
  }

  public int iterations() {
    return iterations;
  }

  @Override
  public boolean matches(byte[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  @Override
  public String encode() {
    Base64.Encoder b64 = Base64.getEncoder();
    return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /**
   * PBKDF2 (RFC 8018 section 5.2) for the first block only, which is all 64 bytes of the output.
   * Written out rather than taken from the JDK's PBKDF2WithHmacSHA512 because that one takes the
   * password as chars and encodes them as UTF-8, while an MQTT password is any bytes.
   */
  static byte[] derive(byte[] password, byte[] salt, int iterations) {
    Mac mac;
    try {
      mac = Mac.getInstance("HmacSHA512");
      // SecretKeySpec refuses an empty key; HMAC pads a key with zero bytes to its block size,
      // so a single zero byte is the same key as none.
      mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA512"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is unavailable", e);
    }
    mac.update(salt);
    byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1}); // INT(1): the block number
    byte[] result = u.clone();
    for (int i = 1; i < iterations; i++) {
      u = mac.doFinal(u);
      for (int j = 0; j < result.length; j++) {
        result[j] ^= u[j];
      }
    }
    return result;
  }

  /** Leaves salt and hash out: log lines and test failures have no use for them. */
  @Override
  public String toString() {
    return "Pbkdf2Sha512Hash[iterations=" + iterations + "]";
  }
}
