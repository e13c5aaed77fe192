package io.petrel.broker.auth;

import io.petrel.codec.Bytes;
import io.petrel.codec.ReasonCode;

/**
 * One connection's run through an {@link EnhancedAuthenticator}: the answer to the data of the
 * CONNECT, then one answer per AUTH 0x18 the client sends, until a step is a success or a failure.
 * Driven by the one thread that handles the connection, so implementations need no locks.
 */
public interface AuthExchange {

  /** The answer to the Authentication Data that started the exchange; the same on every call. */
  AuthStep first();

  /**
   * The answer to the Authentication Data of the client's next AUTH 0x18 [MQTT-4.12.0-3]. Once an
   * exchange has given a success or a failure, further calls give a {@link
   * ReasonCode#PROTOCOL_ERROR} failure.
   *
   * @param clientData the AUTH's Authentication Data, empty if it was absent
   */
  AuthStep step(Bytes clientData);

  /** An exchange that failed at once, for a mechanism that can tell from the first data alone. */
  static AuthExchange failed(AuthStep.Failure failure) {
    return new FinishedExchange(failure);
  }
}
