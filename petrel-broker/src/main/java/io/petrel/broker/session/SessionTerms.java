package io.petrel.broker.session;

import io.petrel.broker.routing.Message;
import java.util.Optional;

/**
 * What a CONNECT asks of its session: whether to start clean, how long the session outlives the
 * connection, and the will with its delay.
 *
 * @param cleanStart discard any existing session [MQTT-3.1.2-4]
 * @param expirySeconds how long the session is kept after the connection closes: 0 ends it with the
 *     connection, {@link #NEVER_EXPIRES} keeps it until a clean start (MQTT 5.0 section 3.1.2.11.2;
 *     MQTT 3.1.1's clean session 0 means a session without expiry)
 * @param will the will message, if the client set one
 * @param willDelaySeconds how long after the connection is lost the will is published, unless the
 *     client reconnects first or the session ends first [MQTT-3.1.3-9]
 */
public record SessionTerms(
    boolean cleanStart, long expirySeconds, Optional<Message> will, long willDelaySeconds) {

  /** The Session Expiry Interval that means "never" (MQTT 5.0 section 3.1.2.11.2). */
  public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

  public SessionTerms {
    if (expirySeconds < 0 || expirySeconds > NEVER_EXPIRES) {
      throw new IllegalArgumentException("session expiry out of range: " + expirySeconds);
    }
    if (willDelaySeconds < 0) {
      throw new IllegalArgumentException("will delay out of range: " + willDelaySeconds);
    }
  }

  /** Terms for a test or a client without will. */
  public static SessionTerms of(boolean cleanStart, long expirySeconds) {
    return new SessionTerms(cleanStart, expirySeconds, Optional.empty(), 0);
  }
}
