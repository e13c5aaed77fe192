package io.petrel.broker.store;

import io.petrel.broker.routing.Message;
import io.petrel.codec.SubscriptionOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions kept in the JVM's memory: they survive an embedded broker's restart with the same store
 * instance, not the process ({@code durability memory}, and tests).
 */
public final class InMemorySessionStore implements SessionStore {
  /** One stored session; guarded by its own monitor. */
  private static final class Entry {
    long expirySeconds;
    long disconnectedAtMillis;
    Optional<String> username = Optional.empty();
    StoredSession.StoredWill will;
    final Map<String, StoredSubscription> subscriptions = new LinkedHashMap<>();
  }

  private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();

  @Override
  public List<StoredSession> load() {
    List<StoredSession> result = new ArrayList<>();
    sessions.forEach(
        (clientId, e) -> {
          synchronized (e) {
            result.add(
                new StoredSession(
                    clientId,
                    e.expirySeconds,
                    e.disconnectedAtMillis,
                    e.subscriptions,
                    Optional.ofNullable(e.will),
                    e.username));
          }
        });
    return result;
  }

  @Override
  public void createSession(String clientId, long expirySeconds, Optional<String> username) {
    Entry e = sessions.computeIfAbsent(clientId, id -> new Entry());
    synchronized (e) {
      e.expirySeconds = expirySeconds;
      e.username = username;
      e.disconnectedAtMillis = 0;
    }
  }

  @Override
  public void sessionDisconnected(String clientId, long epochMillis) {
    Entry e = sessions.get(clientId);
    if (e != null) {
      synchronized (e) {
        e.disconnectedAtMillis = epochMillis;
      }
    }
  }

  @Override
  public void saveWill(String clientId, Message will, long delaySeconds) {
    Entry e = sessions.get(clientId);
    if (e != null) {
      synchronized (e) {
        e.will = new StoredSession.StoredWill(will, delaySeconds);
      }
    }
  }

  @Override
  public void clearWill(String clientId) {
    Entry e = sessions.get(clientId);
    if (e != null) {
      synchronized (e) {
        e.will = null;
      }
    }
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
    Entry e = sessions.computeIfAbsent(clientId, id -> new Entry());
    synchronized (e) {
      e.subscriptions.put(topicFilter, new StoredSubscription(options, subscriptionId));
    }
  }

  @Override
  public void removeSubscription(String clientId, String topicFilter) {
    Entry e = sessions.get(clientId);
    if (e != null) {
      synchronized (e) {
        e.subscriptions.remove(topicFilter);
      }
    }
  }

  @Override
  public void close() {
    // Nothing to release: the memory stays with the instance for the next start.
  }
}
