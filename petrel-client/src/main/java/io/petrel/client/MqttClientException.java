package io.petrel.client;

import io.petrel.codec.ReasonCode;
import java.util.Optional;

/**
 * An operation failed: the broker refused it with a reason code (MQTT 5 reason codes; MQTT 3.1.1
 * CONNACK return codes and SUBACK failures map onto them), the connection was lost or refused, or
 * the client was closed. Futures complete exceptionally with it; the blocking facade throws it.
 */
public class MqttClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ReasonCode reasonCode;
  private final String reasonString;

  /**
   * A failure the broker stated.
   *
   * @param message what failed, for people
   * @param reasonCode the broker's reason code
   * @param reasonString the broker's Reason String property, or null
   */
  public MqttClientException(String message, ReasonCode reasonCode, String reasonString) {
    super(message + ": " + reasonCode + (reasonString == null ? "" : " (" + reasonString + ")"));
    this.reasonCode = reasonCode;
    this.reasonString = reasonString;
  }

  /**
   * A failure without a reason code from the broker.
   *
   * @param message what failed
   * @param cause the underlying error, or null
   */
  public MqttClientException(String message, Throwable cause) {
    super(message, cause);
    this.reasonCode = null;
    this.reasonString = null;
  }

  /** The broker's reason code, when the broker refused the operation. */
  public Optional<ReasonCode> reasonCode() {
    return Optional.ofNullable(reasonCode);
  }

  /** The broker's Reason String (MQTT 5), when it sent one. */
  public Optional<String> reasonString() {
    return Optional.ofNullable(reasonString);
  }
}
