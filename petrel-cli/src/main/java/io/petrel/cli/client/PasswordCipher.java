package io.petrel.cli.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the passwords kept in profiles with AES-256-GCM, as the connector encrypts stored
 * passwords with its EncryptionKey: a fresh random 12-byte IV per password, stored with the
 * ciphertext. GCM's tag makes a wrong key fail loudly instead of yielding garbage, and the profile
 * and field names are bound in as associated data, so a value copied to another profile or field
 * does not open either.
 *
 * <p>Stored form: {@code aes-256-gcm:BASE64(IV):BASE64(CIPHERTEXT AND TAG)}.
 */
final class PasswordCipher {
  static final int KEY_BYTES = 32;
  static final int SALT_BYTES = 16;

  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; only passphrases pay it, once per command. */
  static final int PBKDF2_ITERATIONS = 600_000;

  private static final String PREFIX = "aes-256-gcm:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private PasswordCipher(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
    Arrays.fill(key, (byte) 0);
  }

  /** A cipher with exactly this 32-byte key. */
  static PasswordCipher ofKey(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
    }
    return new PasswordCipher(key.clone());
  }

  /**
   * The cipher for a {@code PETREL_ENCRYPTION_KEY} value: the base64 of 32 bytes is the key itself;
   * anything else is a passphrase, stretched with PBKDF2-HMAC-SHA256 and the file's salt.
   */
  static PasswordCipher ofEnvironmentValue(String value, byte[] salt, int iterations) {
    byte[] raw = base64Key(value);
    if (raw != null) {
      return new PasswordCipher(raw);
    }
    char[] passphrase = value.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, KEY_BYTES * 8);
    try {
      return new PasswordCipher(
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(passphrase, '\0');
    }
  }

  /** The 32 bytes of a base64 key, or null when the text is not one. */
  static byte[] base64Key(String text) {
    try {
      byte[] raw = Base64.getDecoder().decode(text.strip());
      return raw.length == KEY_BYTES ? raw : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static boolean looksEncrypted(String stored) {
    return stored.startsWith(PREFIX);
  }

  /**
   * @param context bound into the tag: which profile and field the value belongs to
   */
  String encrypt(String clear, String context) {
    byte[] iv = randomBytes(IV_BYTES);
    byte[] plain = clear.getBytes(StandardCharsets.UTF_8);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, context);
      byte[] sealed = cipher.doFinal(plain);
      Base64.Encoder b64 = Base64.getEncoder();
      return PREFIX + b64.encodeToString(iv) + ":" + b64.encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * @throws WrongKeyException when the tag does not match: another key, or an edited value
   * @throws IllegalArgumentException when the stored text is not in our form
   */
  String decrypt(String stored, String context) throws WrongKeyException {
    if (!looksEncrypted(stored)) {
      throw new IllegalArgumentException("not an encrypted value");
    }
    String[] parts = stored.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected IV:CIPHERTEXT");
    }
    byte[] iv = Base64.getDecoder().decode(parts[0]);
    byte[] sealed = Base64.getDecoder().decode(parts[1]);
    if (iv.length != IV_BYTES) {
      throw new IllegalArgumentException("the IV must have 12 bytes");
    }
    try {
      byte[] plain = cipher(Cipher.DECRYPT_MODE, iv, context).doFinal(sealed);
      try {
        return new String(plain, StandardCharsets.UTF_8);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (AEADBadTagException e) {
      throw new WrongKeyException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  private Cipher cipher(int mode, byte[] iv, String context) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  /** GCM's tag check failed. */
  static final class WrongKeyException extends Exception {
    private static final long serialVersionUID = 1L;

    WrongKeyException() {
      super("wrong encryption key");
    }
  }
}
