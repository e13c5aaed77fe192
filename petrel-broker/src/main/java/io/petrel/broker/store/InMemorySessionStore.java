package io.petrel.broker.store;

import io.petrel.codec.SubscriptionOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions kept in the JVM's memory: they survive an embedded broker's restart with the same store
 * instance, not the process. The default until the persistent store is configured.
 */
public final class InMemorySessionStore implements SessionStore {
  private final ConcurrentHashMap<String, Map<String, StoredSubscription>> sessions =
      new ConcurrentHashMap<>();

  @Override
  public List<StoredSession> load() {
    List<StoredSession> result = new ArrayList<>();
    sessions.forEach(
        (clientId, subs) -> {
          synchronized (subs) {
            result.add(new StoredSession(clientId, subs));
          }
        });
    return result;
  }

  @Override
  public void createSession(String clientId) {
    sessions.computeIfAbsent(clientId, id -> new LinkedHashMap<>());
  }

  @Override
  public void removeSession(String clientId) {
    sessions.remove(clientId);
  }

  @Override
  public void addSubscription(
      String clientId,
      String topicFilter,
      SubscriptionOptions options,
      OptionalInt subscriptionId) {
    Map<String, StoredSubscription> subs =
        sessions.computeIfAbsent(clientId, id -> new LinkedHashMap<>());
    synchronized (subs) {
      subs.put(topicFilter, new StoredSubscription(options, subscriptionId));
    }
  }

  @Override
  public void removeSubscription(String clientId, String topicFilter) {
    Map<String, StoredSubscription> subs = sessions.get(clientId);
    if (subs != null) {
      synchronized (subs) {
        subs.remove(topicFilter);
      }
    }
  }

  @Override
  public void close() {
    // Nothing to release: the memory stays with the instance for the next start.
  }
}
