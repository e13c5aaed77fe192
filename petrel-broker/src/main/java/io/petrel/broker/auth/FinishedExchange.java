package io.petrel.broker.auth;

import io.petrel.codec.Bytes;
import io.petrel.codec.ReasonCode;

/** An exchange whose first step already ended it; any later AUTH is out of turn. */
record FinishedExchange(AuthStep.Failure first) implements AuthExchange {

  @Override
  public AuthStep step(Bytes clientData) {
    return new AuthStep.Failure(
        ReasonCode.PROTOCOL_ERROR, "AUTH received after the authentication exchange had ended");
  }
}
