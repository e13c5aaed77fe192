package io.petrel.broker.auth;

import io.petrel.codec.Bytes;
import io.petrel.codec.ReasonCode;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server does next in an enhanced-authentication exchange (MQTT 5.0 section 4.12). Java 17
 * has no pattern matching in switch, so callers branch with {@code instanceof}.
 */
public sealed interface AuthStep permits AuthStep.Continue, AuthStep.Success, AuthStep.Failure {

  /**
   * The mechanism needs another round: send AUTH with reason code 0x18 Continue authentication and
   * this data as Authentication Data [MQTT-4.12.0-2].
   */
  record Continue(Bytes serverData) implements AuthStep {
    public Continue {
      Objects.requireNonNull(serverData, "serverData");
    }
  }

  /**
   * The client is authenticated. The final server data, if any, goes in the CONNACK's (or, after a
   * re-authentication, the AUTH 0x00's) Authentication Data, so the client can check the server
   * too.
   *
   * @param username who the client proved to be; authorization applies to this name
   */
  record Success(String username, Optional<Bytes> serverData) implements AuthStep {
    public Success {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(serverData, "serverData");
    }
  }

  /**
   * The client is refused: CONNACK with this reason code and close [MQTT-4.12.0-4], or DISCONNECT
   * during a re-authentication [MQTT-4.12.1-2].
   *
   * @param logReason for the log line; the connection layer may also send it to the client as the
   *     Reason String, so it never holds a secret and never says whether a user exists
   */
  record Failure(ReasonCode reasonCode, String logReason) implements AuthStep {
    public Failure {
      Objects.requireNonNull(reasonCode, "reasonCode");
      Objects.requireNonNull(logReason, "logReason");
      if (!reasonCode.isError()) {
        throw new IllegalArgumentException("a failure needs a reason code of 0x80 or above");
      }
    }
  }
}
