package io.petrel.broker.auth;

import io.petrel.codec.Bytes;

/**
 * client-final-message = channel-binding "," nonce ["," extensions] "," proof (RFC 5802 section 7),
 * the data of the client's AUTH 0x18.
 *
 * @param channelBinding c=, decoded: the GS2 header again, as no channel binding is done
 * @param nonce r=, the client nonce followed by the server nonce
 * @param withoutProof client-final-message-without-proof as sent, the last part of AuthMessage
 * @param proof p=, decoded: ClientKey XOR ClientSignature
 */
record ClientFinalMessage(byte[] channelBinding, String nonce, String withoutProof, byte[] proof) {
  private static final String WHAT = "client-final-message";

  static ClientFinalMessage parse(Bytes data) throws ScramRejection {
    String text = ScramText.utf8(data, WHAT);
    String[] attributes = text.split(",", -1);
    if (attributes.length < 3) {
      throw ScramRejection.malformed(WHAT + ": expected c=, r= and p=");
    }
    byte[] channelBinding = ScramText.base64(ScramText.value(attributes[0], 'c', WHAT), WHAT);
    String nonce = ScramText.value(attributes[1], 'r', WHAT);
    for (int i = 2; i < attributes.length - 1; i++) {
      ScramText.extension(attributes[i], WHAT);
    }
    String proofAttribute = attributes[attributes.length - 1];
    byte[] proof = ScramText.base64(ScramText.value(proofAttribute, 'p', WHAT), WHAT);
    if (proof.length != ScramCrypto.KEY_LENGTH) {
      throw ScramRejection.malformed(WHAT + ": the proof is not 32 bytes");
    }
    String withoutProof = text.substring(0, text.length() - proofAttribute.length() - 1);
    return new ClientFinalMessage(channelBinding, nonce, withoutProof, proof);
  }
}
