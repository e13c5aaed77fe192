package io.petrel.broker.store;

import java.util.Map;

/**
 * A persistent session as stored: its client id and subscriptions (topic filter to options and
 * subscription identifier).
 *
 * @param clientId the client id
 * @param subscriptions topic filter strings to their subscriptions, in subscription order
 */
public record StoredSession(String clientId, Map<String, StoredSubscription> subscriptions) {
  public StoredSession {
    subscriptions =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(subscriptions));
  }
}
