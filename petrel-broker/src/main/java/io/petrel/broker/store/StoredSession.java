package io.petrel.broker.store;

import io.petrel.broker.routing.Message;
import java.util.Map;
import java.util.Optional;

/**
 * A persistent session as stored: its client id, expiry and subscriptions (topic filter to options
 * and subscription identifier).
 *
 * @param clientId the client id
 * @param expirySeconds how long the session outlives its connection (0xFFFFFFFF: never expires)
 * @param disconnectedAtMillis when its connection closed (epoch milliseconds), or 0 if it was
 *     connected when the broker stopped; its expiry then counts from the restart
 * @param subscriptions topic filter strings to their subscriptions, in subscription order
 * @param username the user its last connection authenticated as, for the topic authorization of
 *     what it is sent while offline
 * @param will the will of the last connection if it was not published yet: that connection ended
 *     with the broker, or its will delay had not passed
 */
public record StoredSession(
    String clientId,
    long expirySeconds,
    long disconnectedAtMillis,
    Map<String, StoredSubscription> subscriptions,
    Optional<StoredWill> will,
    Optional<String> username) {

  /** A will kept with its session, and its delay in seconds. */
  public record StoredWill(Message message, long delaySeconds) {}

  public StoredSession {
    subscriptions =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(subscriptions));
  }
}
