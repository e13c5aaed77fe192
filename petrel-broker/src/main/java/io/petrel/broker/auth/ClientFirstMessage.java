package io.petrel.broker.auth;

import io.petrel.codec.Bytes;
import io.petrel.codec.ReasonCode;
import java.util.Optional;

/**
 * client-first-message = gs2-header client-first-message-bare (RFC 5802 section 7), the data of the
 * CONNECT that starts SCRAM.
 *
 * @param gs2Header the header as sent, with its trailing ','; the client echoes it in c=
 * @param authzid the authorization identity (a=), decoded
 * @param username the user name (n=), decoded
 * @param bare client-first-message-bare as sent, the first part of AuthMessage
 */
record ClientFirstMessage(
    String gs2Header, Optional<String> authzid, String username, String clientNonce, String bare) {
  private static final String WHAT = "client-first-message";

  static ClientFirstMessage parse(Bytes data) throws ScramRejection {
    String text = ScramText.utf8(data, WHAT);
    int flagEnd = text.indexOf(',');
    int authzidEnd = flagEnd < 0 ? -1 : text.indexOf(',', flagEnd + 1);
    if (authzidEnd < 0) {
      throw ScramRejection.malformed(WHAT + ": no GS2 header");
    }
    checkChannelBindingFlag(text.substring(0, flagEnd));
    String authzidField = text.substring(flagEnd + 1, authzidEnd);
    Optional<String> authzid =
        authzidField.isEmpty()
            ? Optional.empty()
            : Optional.of(ScramText.saslName(ScramText.value(authzidField, 'a', WHAT), WHAT));
    String bare = text.substring(authzidEnd + 1);
    String[] attributes = bare.split(",", -1);
    if (attributes[0].startsWith("m=")) {
      // RFC 5802 section 5.1: m= is reserved for mandatory extensions and MUST fail.
      throw new ScramRejection(
          ReasonCode.NOT_AUTHORIZED, "mandatory extension (m=) is not supported");
    }
    if (attributes.length < 2) {
      throw ScramRejection.malformed(WHAT + ": expected n= and r=");
    }
    String username = ScramText.saslName(ScramText.value(attributes[0], 'n', WHAT), WHAT);
    String nonce = ScramText.nonce(ScramText.value(attributes[1], 'r', WHAT), WHAT);
    for (int i = 2; i < attributes.length; i++) {
      ScramText.extension(attributes[i], WHAT);
    }
    return new ClientFirstMessage(
        text.substring(0, authzidEnd + 1), authzid, username, nonce, bare);
  }

  /**
   * "n": the client does no channel binding. "y": it could, but saw no SCRAM-SHA-256-PLUS offered;
   * that is fine for a server that supports none (RFC 5802 section 6). "p=": it asks for channel
   * binding, which MQTT cannot offer here: nothing in MQTT advertises -PLUS.
   */
  private static void checkChannelBindingFlag(String flag) throws ScramRejection {
    if (flag.equals("n") || flag.equals("y")) {
      return;
    }
    if (flag.startsWith("p=")) {
      throw new ScramRejection(ReasonCode.NOT_AUTHORIZED, "channel binding is not supported");
    }
    throw ScramRejection.malformed(WHAT + ": unknown channel binding flag");
  }
}
