package io.petrel.codec;

import java.util.Objects;

/**
 * A packet broke a rule of the MQTT specification. Carries the reason code to close the connection
 * with (Malformed Packet, Protocol Error, Packet Too Large, ...) and the spec rule id, such as
 * {@code MQTT-1.5.4-2}, so that log lines and tests can name the rule.
 */
public final class MalformedPacketException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ReasonCode reasonCode;
  private final String rule;

  public MalformedPacketException(ReasonCode reasonCode, String rule, String message) {
    super(message, null, false, false);
    this.reasonCode = Objects.requireNonNull(reasonCode);
    this.rule = Objects.requireNonNull(rule);
  }

  public ReasonCode reasonCode() {
    return reasonCode;
  }

  /** The spec rule id, e.g. {@code MQTT-3.3.2-2}, or a section number where the spec has none. */
  public String rule() {
    return rule;
  }

  @Override
  public String toString() {
    return getMessage() + " [" + rule + "]";
  }
}
