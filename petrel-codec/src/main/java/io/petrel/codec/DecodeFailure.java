package io.petrel.codec;

/**
 * What the frame decoder passes up instead of a packet when the input breaks a rule: decode errors
 * are values, so the connection layer decides how to close (with which reason code and log line).
 * After a failure the decoder discards the rest of the connection's input.
 *
 * @param reasonCode the reason code to disconnect with
 * @param rule the spec rule id
 * @param message what was wrong, for the log line
 * @param packetSize the size of the offending packet when known (for too-large packets), else -1
 */
public record DecodeFailure(ReasonCode reasonCode, String rule, String message, long packetSize) {
  public static DecodeFailure of(MalformedPacketException e) {
    return new DecodeFailure(e.reasonCode(), e.rule(), e.getMessage(), -1);
  }

  @Override
  public String toString() {
    return message + " [" + rule + "]";
  }
}
