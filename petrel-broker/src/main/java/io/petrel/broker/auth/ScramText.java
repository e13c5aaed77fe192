package io.petrel.broker.auth;

import io.petrel.codec.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The lexical rules shared by the SCRAM messages of RFC 5802 section 7. */
final class ScramText {
  private ScramText() {}

  /** SCRAM messages are UTF-8; malformed bytes are refused, not replaced. */
  static String utf8(Bytes data, String message) throws ScramRejection {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data.unsafeArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ScramRejection.malformed(message + ": not UTF-8");
    }
  }

  /** The value of {@code name=value}, which must have that attribute name. */
  static String value(String attribute, char name, String message) throws ScramRejection {
    if (attribute.length() < 2 || attribute.charAt(0) != name || attribute.charAt(1) != '=') {
      throw ScramRejection.malformed(message + ": expected attribute " + name + "=");
    }
    return attribute.substring(2);
  }

  /**
   * saslname (RFC 5802 section 5.1): ',' and '=' travel as "=2C" and "=3D"; any other '=' means the
   * server MUST fail the authentication.
   */
  static String saslName(String encoded, String message) throws ScramRejection {
    if (encoded.isEmpty() || encoded.indexOf('\0') >= 0) {
      throw ScramRejection.malformed(message + ": empty user name or one with U+0000");
    }
    StringBuilder decoded = new StringBuilder(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c != '=') {
        decoded.append(c);
      } else if (encoded.startsWith("=2C", i)) {
        decoded.append(',');
        i += 2;
      } else if (encoded.startsWith("=3D", i)) {
        decoded.append('=');
        i += 2;
      } else {
        throw ScramRejection.malformed(message + ": '=' not followed by 2C or 3D in a user name");
      }
    }
    return decoded.toString();
  }

  /** A nonce is printable ASCII without ',' (RFC 5802 section 7, "printable"). */
  static String nonce(String nonce, String message) throws ScramRejection {
    if (nonce.isEmpty()) {
      throw ScramRejection.malformed(message + ": empty nonce");
    }
    for (int i = 0; i < nonce.length(); i++) {
      char c = nonce.charAt(i);
      if (c < 0x21 || c > 0x7E || c == ',') {
        throw ScramRejection.malformed(message + ": nonce with a character outside %x21-7E");
      }
    }
    return nonce;
  }

  /** An optional extension: one letter, '=', a non-empty value; its meaning is ignored. */
  static void extension(String attribute, String message) throws ScramRejection {
    if (attribute.length() < 3
        || !isAsciiLetter(attribute.charAt(0))
        || attribute.charAt(1) != '=') {
      throw ScramRejection.malformed(message + ": unexpected attribute");
    }
  }

  static byte[] base64(String value, String message) throws ScramRejection {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw ScramRejection.malformed(message + ": bad base64");
    }
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
