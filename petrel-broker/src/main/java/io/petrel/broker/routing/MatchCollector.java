package io.petrel.broker.routing;

import io.netty.util.concurrent.FastThreadLocal;
import io.petrel.broker.subscription.SubscriptionTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the subscriptions a topic matches, keeping one per client: the one with the highest
 * granted QoS (MQTT 3.1.1 section 3.3.5), with the subscription identifiers of all of them
 * [MQTT-3.3.4-4]. Shared groups are collected apart: each picks one member, a delivery separate
 * from that client's ordinary one. Reused per thread, so routing a message allocates nothing here
 * unless two matching subscriptions of one client both carry identifiers; a linear scan dedupes the
 * few matches most topics have, and an index takes over for many.
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

  @SuppressWarnings("unchecked")
  private List<Integer>[] subscriptionIds = new List[8];

  private int size;
  private SubscriberEntry[] sharedPicks = new SubscriberEntry[4];
  private int sharedSize;
  private final SubscriptionTree.Visitor<SharedGroup> groupVisitor = this::visitGroup;
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
      subscriptionIds[at] = union(subscriptionIds[at], entry.subscriptionIds());
      return;
    }
    if (size == clientIds.length) {
      clientIds = java.util.Arrays.copyOf(clientIds, size * 2);
      entries = java.util.Arrays.copyOf(entries, size * 2);
      subscriptionIds = java.util.Arrays.copyOf(subscriptionIds, size * 2);
    }
    clientIds[size] = clientId;
    entries[size] = entry;
    subscriptionIds[size] = entry.subscriptionIds();
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

  /** One copy carries the identifiers of every matching subscription, each once. */
  private static List<Integer> union(List<Integer> a, List<Integer> b) {
    if (b.isEmpty() || a.equals(b)) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    List<Integer> both = new ArrayList<>(a);
    for (Integer id : b) {
      if (!both.contains(id)) {
        both.add(id);
      }
    }
    return both;
  }

  /** Lets a matching shared group pick the member that gets this message. */
  private void visitGroup(String shareName, SharedGroup group) {
    SubscriberEntry member = group.pick();
    if (member == null) {
      return; // the last member left while the message was routed
    }
    if (sharedSize == sharedPicks.length) {
      sharedPicks = java.util.Arrays.copyOf(sharedPicks, sharedSize * 2);
    }
    sharedPicks[sharedSize++] = member;
  }

  /** The visitor for the shared groups' tree. */
  SubscriptionTree.Visitor<SharedGroup> groupVisitor() {
    return groupVisitor;
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

  /** The identifiers of every matching subscription of the i-th client. */
  List<Integer> subscriptionIds(int i) {
    return subscriptionIds[i];
  }

  /** How many shared groups picked a member for the message. */
  int sharedSize() {
    return sharedSize;
  }

  /** The member the i-th matching shared group picked. */
  SubscriberEntry sharedPick(int i) {
    return sharedPicks[i];
  }

  /** Clears the collector for the next message, dropping references to sessions. */
  void release() {
    java.util.Arrays.fill(clientIds, 0, size, null);
    java.util.Arrays.fill(entries, 0, size, null);
    java.util.Arrays.fill(subscriptionIds, 0, size, null);
    size = 0;
    java.util.Arrays.fill(sharedPicks, 0, sharedSize, null);
    sharedSize = 0;
    index = null;
    inUse = false;
    publisherId = null;
  }
}
