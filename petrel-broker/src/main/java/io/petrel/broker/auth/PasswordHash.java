package io.petrel.broker.auth;

import java.util.Base64;

/**
 * A password hash as Mosquitto's password file holds it: {@code $7$} (PBKDF2-HMAC-SHA512, what
 * {@code mosquitto_passwd} writes since Mosquitto 2) or {@code $6$} (one SHA-512, Mosquitto 1.6 and
 * earlier). Messages about a bad hash never contain the hash or a part of it.
 */
public sealed interface PasswordHash permits Pbkdf2Sha512Hash, Sha512Hash {

  /** SHA-512 digests and PBKDF2-HMAC-SHA512 with one block are both 64 bytes. */
  int HASH_LENGTH = 64;

  /**
   * Whether {@code password} (the bytes of the CONNECT's password field) gives this hash; compared
   * in constant time.
   */
  boolean matches(byte[] password);

  /** The text after {@code username:} in a password file. */
  String encode();

  /**
   * Parses the text after {@code username:}.
   *
   * @throws IllegalArgumentException if it is not a hash Petrel knows; the message says why
   */
  static PasswordHash parse(String text) {
    if (text.startsWith("$7$")) {
      String[] parts = fields(text, 4, "$7$<iterations>$<salt>$<hash>");
      int iterations = iterations(parts[1]);
      return new Pbkdf2Sha512Hash(iterations, base64(parts[2], "salt"), base64(parts[3], "hash"));
    }
    if (text.startsWith("$6$")) {
      String[] parts = fields(text, 3, "$6$<salt>$<hash>");
      return new Sha512Hash(base64(parts[1], "salt"), base64(parts[2], "hash"));
    }
    throw new IllegalArgumentException(
        "not a hash Petrel knows; expected $7$ (mosquitto_passwd's default) or $6$");
  }

  private static String[] fields(String text, int count, String form) {
    // "$7$a$b$c" splits into "", "7", "a", "b", "c"; the leading empty field is dropped.
    String[] parts = text.substring(1).split("\\$", -1);
    if (parts.length != count) {
      throw new IllegalArgumentException("malformed hash; expected " + form);
    }
    return parts;
  }

  private static int iterations(String text) {
    if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1) {
      throw new IllegalArgumentException("the iteration count must be a number from 1");
    }
    return Integer.parseInt(text);
  }

  private static byte[] base64(String text, String what) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character: not repeated here.
      throw new IllegalArgumentException("the " + what + " is not base64", e);
    }
    if (decoded.length == 0) {
      throw new IllegalArgumentException("the " + what + " is empty");
    }
    return decoded;
  }
}
