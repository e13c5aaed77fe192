package io.petrel.broker.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802 section 3, RFC 7677), JDK only and using none of the
 * broker's classes. petrel-it uses it through this module's test jar, driven by HiveMQ's {@code
 * Mqtt5EnhancedAuthMechanism}: {@link #clientFirstMessage()} in {@code onAuth}, {@link
 * #clientFinalMessage} in {@code onContinue}, {@link #serverFinalIsValid} in {@code onAuthSuccess}.
 * Hi is written out from RFC 5802 section 2.2 instead of calling PBKDF2WithHmacSHA256 as the server
 * does, so tests check two implementations against each other. One instance per connection attempt.
 */
public final class ScramClient {
  private final String username;
  private final String password;
  private final String clientNonce;
  private final String gs2Header;
  private byte[] expectedServerSignature;

  /** Without channel binding: the GS2 header is "n,,". */
  public ScramClient(String username, String password, String clientNonce) {
    this(username, password, clientNonce, "n,,");
  }

  public ScramClient(String username, String password, String clientNonce, String gs2Header) {
    this.username = username;
    this.password = password;
    this.clientNonce = clientNonce;
    this.gs2Header = gs2Header;
  }

  public static ScramClient withRandomNonce(String username, String password) {
    byte[] nonce = new byte[18];
    new SecureRandom().nextBytes(nonce);
    return new ScramClient(username, password, Base64.getEncoder().encodeToString(nonce));
  }

  /** The Authentication Data of the CONNECT. */
  public byte[] clientFirstMessage() {
    return utf8(gs2Header + clientFirstBare());
  }

  /**
   * The Authentication Data of the AUTH 0x18 that answers the server's.
   *
   * @throws IllegalArgumentException if the server-first-message is not one, or its nonce does not
   *     start with this client's (RFC 5802 section 5.1)
   */
  public byte[] clientFinalMessage(byte[] serverFirstMessage) {
    String serverFirst = new String(serverFirstMessage, StandardCharsets.UTF_8);
    String[] attributes = serverFirst.split(",");
    if (attributes.length < 3
        || !attributes[0].startsWith("r=")
        || !attributes[1].startsWith("s=")
        || !attributes[2].startsWith("i=")) {
      throw new IllegalArgumentException("not a server-first-message: " + serverFirst);
    }
    String nonce = attributes[0].substring(2);
    if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
      throw new IllegalArgumentException("the server nonce does not extend the client nonce");
    }
    byte[] salt = Base64.getDecoder().decode(attributes[1].substring(2));
    int iterations = Integer.parseInt(attributes[2].substring(2));

    byte[] saltedPassword = hi(utf8(password), salt, iterations);
    byte[] clientKey = hmac(saltedPassword, utf8("Client Key"));
    byte[] storedKey = sha256(clientKey);
    String withoutProof = "c=" + base64(utf8(gs2Header)) + ",r=" + nonce;
    byte[] authMessage = utf8(clientFirstBare() + "," + serverFirst + "," + withoutProof);
    byte[] clientSignature = hmac(storedKey, authMessage);
    byte[] proof = new byte[clientKey.length];
    for (int i = 0; i < proof.length; i++) {
      proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
    }
    byte[] serverKey = hmac(saltedPassword, utf8("Server Key"));
    expectedServerSignature = hmac(serverKey, authMessage);
    return utf8(withoutProof + ",p=" + base64(proof));
  }

  /** Whether the CONNACK's Authentication Data proves the server knows this user's credential. */
  public boolean serverFinalIsValid(byte[] serverFinalMessage) {
    String serverFinal = new String(serverFinalMessage, StandardCharsets.UTF_8);
    if (expectedServerSignature == null || !serverFinal.startsWith("v=")) {
      return false;
    }
    byte[] signature = Base64.getDecoder().decode(serverFinal.substring(2));
    return MessageDigest.isEqual(signature, expectedServerSignature);
  }

  private String clientFirstBare() {
    // saslname: ',' and '=' are escaped as =2C and =3D (RFC 5802 section 5.1).
    return "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
  }

  /** Hi(str, salt, i) = U1 XOR U2 XOR ... XOR Ui, with U1 = HMAC(str, salt + INT(1)). */
  private static byte[] hi(byte[] password, byte[] salt, int iterations) {
    byte[] u = hmac(password, ByteBuffer.allocate(salt.length + 4).put(salt).putInt(1).array());
    byte[] result = u.clone();
    for (int n = 2; n <= iterations; n++) {
      u = hmac(password, u);
      for (int i = 0; i < result.length; i++) {
        result[i] ^= u[i];
      }
    }
    return result;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String base64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }
}
