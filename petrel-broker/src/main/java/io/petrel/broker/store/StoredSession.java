package io.petrel.broker.store;

import io.petrel.codec.SubscriptionOptions;
import java.util.Map;

/**
 * A persistent session as stored: its client id and subscriptions (topic filter to options).
 *
 * @param clientId the client id
 * @param subscriptions topic filter strings to their options, in subscription order
 */
public record StoredSession(String clientId, Map<String, SubscriptionOptions> subscriptions) {
  public StoredSession {
    subscriptions =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(subscriptions));
  }
}
