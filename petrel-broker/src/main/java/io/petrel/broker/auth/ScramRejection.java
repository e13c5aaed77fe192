package io.petrel.broker.auth;

import io.petrel.codec.ReasonCode;

/**
 * Why a SCRAM message is refused; carried out of the parsers as an exception because the first bad
 * attribute ends the exchange. No stack trace: it is an answer to the client, not a bug.
 */
final class ScramRejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final ReasonCode reasonCode;

  ScramRejection(ReasonCode reasonCode, String reason) {
    super(reason, null, false, false);
    this.reasonCode = reasonCode;
  }

  /** A message that does not follow the RFC 5802 section 7 grammar. */
  static ScramRejection malformed(String what) {
    return new ScramRejection(ReasonCode.NOT_AUTHORIZED, "malformed SCRAM " + what);
  }

  AuthStep.Failure toFailure() {
    return new AuthStep.Failure(reasonCode, ScramSha256Authenticator.METHOD + ": " + getMessage());
  }
}
