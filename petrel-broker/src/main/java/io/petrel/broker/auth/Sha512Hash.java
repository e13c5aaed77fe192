package io.petrel.broker.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Mosquitto 1.6's hash, {@code $6$<salt>$<hash>}: SHA-512 over the password bytes followed by the
 * salt. Read so that old password files keep working; Petrel writes {@link Pbkdf2Sha512Hash}.
 */
public final class Sha512Hash implements PasswordHash {
  private final byte[] salt;
  private final byte[] hash;

  Sha512Hash(byte[] salt, byte[] hash) {
    if (hash.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          "the hash has " + hash.length + " bytes; a SHA-512 hash has " + HASH_LENGTH);
    }
    this.salt = salt.clone();
    this.hash = hash.clone();
  }

  @Override
  public boolean matches(byte[] password) {
    MessageDigest sha512;
    try {
      sha512 = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is unavailable", e);
    }
    sha512.update(password);
    sha512.update(salt);
    return MessageDigest.isEqual(hash, sha512.digest());
  }

  @Override
  public String encode() {
    Base64.Encoder b64 = Base64.getEncoder();
    return "$6$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  @Override
  public String toString() {
    return "Sha512Hash";
  }
}
