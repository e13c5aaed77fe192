package io.petrel.client.internal;

import io.petrel.client.SubscribeResult;
import io.petrel.codec.Publish;
import io.petrel.codec.SubscriptionOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The client's subscriptions and their handlers ("Listen"): by filter, in a {@link TopicTree} to
 * route received messages, and by MQTT 5 subscription identifier. Session state, used on the event
 * loop only.
 *
 * <p>Routing: when a PUBLISH carries subscription identifiers the client gave out [MQTT-3.3.4-3],
 * exactly those subscriptions get it, so a broker that sends one copy per matching subscription
 * does not make each handler see the message twice. Otherwise every subscription whose filter
 * matches gets it once.
 */
final class Subscriptions {
  /** The largest subscription identifier: a variable byte integer. */
  private static final int MAX_SUBSCRIPTION_ID = 268_435_455;

  /** One subscription. Mutable only in whether the broker has acknowledged it. */
  static final class Entry {
    final String filter;
    final SubscriptionOptions options;
    final Receiver handler;
    final int subscriptionId;
    final CompletableFuture<SubscribeResult> future;
    boolean acknowledged;
    boolean subscribing;

    Entry(
        String filter,
        SubscriptionOptions options,
        Receiver handler,
        int subscriptionId,
        CompletableFuture<SubscribeResult> future) {
      this.filter = filter;
      this.options = options;
      this.handler = handler;
      this.subscriptionId = subscriptionId;
      this.future = future;
    }
  }

  private final Map<String, Entry> byFilter = new LinkedHashMap<>();
  private final Map<Integer, Entry> byId = new HashMap<>();
  // Keyed by the filter messages match: a shared and a plain subscription may share it.
  private final TopicTree<Set<Entry>> tree = new TopicTree<>();
  private int lastId;

  /** A new subscription identifier, 1 to 268435455, not in use. */
  int nextId() {
    do {
      lastId = lastId == MAX_SUBSCRIPTION_ID ? 1 : lastId + 1;
    } while (byId.containsKey(lastId));
    return lastId;
  }

  /**
   * Adds a subscription, replacing one with the same filter [MQTT-3.8.4-3].
   *
   * @return the replaced entry, or null
   */
  Entry add(Entry entry) {
    Entry old = byFilter.put(entry.filter, entry);
    if (old != null) {
      unindex(old);
    }
    if (entry.subscriptionId > 0) {
      byId.put(entry.subscriptionId, entry);
    }
    String key = Topics.matchingFilter(entry.filter);
    Set<Entry> set = tree.get(key);
    if (set == null) {
      set = new LinkedHashSet<>();
      tree.put(key, set);
    }
    set.add(entry);
    return old;
  }

  /** Removes the subscription with this filter; null if there is none. */
  Entry remove(String filter) {
    Entry entry = byFilter.remove(filter);
    if (entry != null) {
      unindex(entry);
    }
    return entry;
  }

  /** Removes exactly this entry, if it is still the subscription for its filter. */
  void removeIfCurrent(Entry entry) {
    if (byFilter.get(entry.filter) == entry) {
      remove(entry.filter);
    }
  }

  private void unindex(Entry entry) {
    if (entry.subscriptionId > 0) {
      byId.remove(entry.subscriptionId, entry);
    }
    String key = Topics.matchingFilter(entry.filter);
    Set<Entry> set = tree.get(key);
    if (set != null) {
      set.remove(entry);
      if (set.isEmpty()) {
        tree.remove(key);
      }
    }
  }

  Collection<Entry> all() {
    return byFilter.values();
  }

  /** The handlers a received message goes to, each once; empty if none matches. */
  List<Receiver> route(Publish publish) {
    Set<Entry> targets = new LinkedHashSet<>();
    for (int id : publish.properties().subscriptionIdentifiers()) {
      Entry e = byId.get(id);
      if (e != null) {
        targets.add(e);
      }
    }
    if (targets.isEmpty()) {
      for (Set<Entry> set : tree.match(publish.topic())) {
        targets.addAll(set);
      }
    }
    List<Receiver> handlers = new ArrayList<>(targets.size());
    for (Entry e : targets) {
      handlers.add(e.handler);
    }
    return handlers;
  }
}
