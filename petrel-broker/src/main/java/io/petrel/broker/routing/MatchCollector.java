package io.petrel.broker.routing;

import io.netty.util.concurrent.FastThreadLocal;
import io.petrel.broker.subscription.SubscriptionTree;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects the subscriptions a topic matches, keeping one per client: the one with the highest
 * granted QoS (MQTT 3.1.1 section 3.3.5). Reused per thread, so routing a message allocates nothing
 * here; a linear scan dedupes the few matches most topics have, and an index takes over for many.
 */
final class MatchCollector implements SubscriptionTree.Visitor<SubscriberEntry> {
  private static final int INDEX_THRESHOLD = 16;
  private static final FastThreadLocal<MatchCollector> PER_THREAD =
      new FastThreadLocal<>() {
        @Override
        protected MatchCollector initialValue() {
          return new MatchCollector();
        }
      };

  private String[] clientIds = new String[8];
  private SubscriberEntry[] entries = new SubscriberEntry[8];
  private int size;
  private Map<String, Integer> index;
  private boolean inUse;
  private String publisherId;

  /**
   * This thread's collector, or a fresh one if it is already in use further up the stack.
   *
   * @param publisherId the publisher's client id, which No Local subscriptions skip
   */
  static MatchCollector acquire(String publisherId) {
    MatchCollector c = PER_THREAD.get();
    if (c.inUse) {
      c = new MatchCollector();
    }
    c.inUse = true;
    c.publisherId = publisherId;
    return c;
  }

  @Override
  public void visit(String clientId, SubscriberEntry entry) {
    if (entry.options().noLocal() && clientId.equals(publisherId)) {
      return; // No Local: not sent back to the connection that published it [MQTT-3.8.3-3]
    }
    int at = find(clientId);
    if (at >= 0) {
      if (entry.options().maxQos().value() > entries[at].options().maxQos().value()) {
        entries[at] = entry;
      }
      return;
    }
    if (size == clientIds.length) {
      clientIds = java.util.Arrays.copyOf(clientIds, size * 2);
      entries = java.util.Arrays.copyOf(entries, size * 2);
    }
    clientIds[size] = clientId;
    entries[size] = entry;
    if (index != null) {
      index.put(clientId, size);
    } else if (size + 1 == INDEX_THRESHOLD) {
      index = new HashMap<>();
      for (int i = 0; i <= size; i++) {
        index.put(clientIds[i], i);
      }
    }
    size++;
  }

  private int find(String clientId) {
    if (index != null) {
      Integer at = index.get(clientId);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < size; i++) {
      if (clientIds[i].equals(clientId)) {
        return i;
      }
    }
    return -1;
  }

  int size() {
    return size;
  }

  SubscriberEntry get(int i) {
    return entries[i];
  }

  /** Clears the collector for the next message, dropping references to sessions. */
  void release() {
    java.util.Arrays.fill(clientIds, 0, size, null);
    java.util.Arrays.fill(entries, 0, size, null);
    size = 0;
    index = null;
    inUse = false;
    publisherId = null;
  }
}
