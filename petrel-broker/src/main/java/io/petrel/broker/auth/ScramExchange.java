package io.petrel.broker.auth;

import io.petrel.codec.Bytes;
import io.petrel.codec.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802 section 3) after a well-formed
 * client-first-message: the server-first-message is the first step, the client-final-message
 * settles it. One round trip, so the first AUTH from the client ends the exchange either way.
 */
final class ScramExchange implements AuthExchange {
  private final ClientFirstMessage clientFirst;
  private final String nonce;
  private final ScramCredential credential;
  private final boolean knownUser;
  private final String serverFirst;
  private final AuthStep first;
  private boolean finished;

  /**
   * @param nonce the client nonce with the server nonce appended
   * @param knownUser false when the credential is made up for an unknown user
   */
  ScramExchange(
      ClientFirstMessage clientFirst, String nonce, ScramCredential credential, boolean knownUser) {
    this.clientFirst = clientFirst;
    this.nonce = nonce;
    this.credential = credential;
    this.knownUser = knownUser;
    this.serverFirst =
        "r="
            + nonce
            + ",s="
            + Base64.getEncoder().encodeToString(credential.salt())
            + ",i="
            + credential.iterations();
    this.first = new AuthStep.Continue(Bytes.utf8(serverFirst));
  }

  @Override
  public AuthStep first() {
    return first;
  }

  @Override
  public AuthStep step(Bytes clientData) {
    if (finished) {
      return new AuthStep.Failure(
          ReasonCode.PROTOCOL_ERROR,
          ScramSha256Authenticator.METHOD + ": AUTH received after the exchange had ended");
    }
    finished = true;
    try {
      return verify(ClientFinalMessage.parse(clientData));
    } catch (ScramRejection e) {
      return e.toFailure();
    }
  }

  private AuthStep verify(ClientFinalMessage clientFinal) throws ScramRejection {
    byte[] gs2Header = clientFirst.gs2Header().getBytes(StandardCharsets.UTF_8);
    if (!Arrays.equals(clientFinal.channelBinding(), gs2Header)) {
      throw new ScramRejection(
          ReasonCode.NOT_AUTHORIZED, "channel binding data (c=) does not repeat the GS2 header");
    }
    if (!clientFinal.nonce().equals(nonce)) {
      throw new ScramRejection(
          ReasonCode.NOT_AUTHORIZED, "nonce (r=) does not match the server-first-message");
    }
    String authMessage = clientFirst.bare() + "," + serverFirst + "," + clientFinal.withoutProof();
    byte[] storedKey = credential.storedKey();
    byte[] clientSignature = ScramCrypto.hmac(storedKey, authMessage);
    byte[] clientKey = ScramCrypto.xor(clientFinal.proof(), clientSignature);
    // Constant time, and '&' rather than '&&': a made-up credential takes the same path.
    boolean proofHolds = MessageDigest.isEqual(ScramCrypto.sha256(clientKey), storedKey);
    if (!(proofHolds & knownUser)) {
      throw new ScramRejection(
          ReasonCode.BAD_USER_NAME_OR_PASSWORD,
          "client proof did not verify (unknown user or wrong password)");
    }
    byte[] serverSignature = ScramCrypto.hmac(credential.serverKey(), authMessage);
    String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
    return new AuthStep.Success(clientFirst.username(), Optional.of(Bytes.utf8(serverFinal)));
  }
}
