package io.petrel.broker.session;

import io.petrel.broker.routing.Message;
import io.petrel.codec.QoS;
import io.petrel.codec.TopicFilter;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Everything a session has yet to send: one bounded {@link SubscriptionBuffer} per subscription,
 * drained in arrival order across subscriptions by a session-wide sequence number. Holds messages
 * for an offline persistent session and for an online one that is slow (socket not writable or
 * in-flight window full). Confined to the session's thread.
 */
final class OutboundQueue {
  private final int capacityPerSubscription;
  // Created on first use: most sessions of idle connections never queue anything, and an empty
  // map still costs memory per connection.
  private Map<TopicFilter, SubscriptionBuffer> buffers = Collections.emptyMap();
  private long nextSequence;
  private int size;

  OutboundQueue(int capacityPerSubscription) {
    this.capacityPerSubscription = capacityPerSubscription;
  }

  /**
   * Queues a message on the subscription's buffer; returns the buffer's oldest message if it was
   * dropped to make room, else null.
   */
  QueuedMessage add(
      TopicFilter via,
      Message message,
      QoS qos,
      boolean retainFlag,
      List<Integer> subscriptionIds) {
    if (buffers.isEmpty()) {
      buffers = new LinkedHashMap<>();
    }
    SubscriptionBuffer buffer =
        buffers.computeIfAbsent(via, f -> new SubscriptionBuffer(capacityPerSubscription));
    QueuedMessage dropped =
        buffer.add(
            new QueuedMessage(nextSequence++, message, qos, retainFlag, via, subscriptionIds));
    if (dropped == null) {
      size++;
    }
    return dropped;
  }

  /** The oldest message over all buffers, without removing it; null when empty. */
  QueuedMessage peek() {
    SubscriptionBuffer oldest = oldestBuffer();
    return oldest == null ? null : oldest.peek();
  }

  /** Removes and returns the oldest message over all buffers; null when empty. */
  QueuedMessage poll() {
    SubscriptionBuffer oldest = oldestBuffer();
    if (oldest == null) {
      return null;
    }
    size--;
    return oldest.poll();
  }

  private SubscriptionBuffer oldestBuffer() {
    if (size == 0) {
      return null;
    }
    SubscriptionBuffer oldest = null;
    long oldestSequence = Long.MAX_VALUE;
    for (Iterator<SubscriptionBuffer> it = buffers.values().iterator(); it.hasNext(); ) {
      SubscriptionBuffer b = it.next();
      QueuedMessage head = b.peek();
      if (head == null) {
        it.remove(); // buffers come back on demand; an idle session keeps none
      } else if (head.sequence() < oldestSequence) {
        oldest = b;
        oldestSequence = head.sequence();
      }
    }
    return oldest;
  }

  /**
   * Offers the messages of the buffers whose subscription {@code which} selects, oldest first, to
   * {@code taker}, removing each it takes; a buffer's turn ends at the first message refused.
   */
  void handOver(Predicate<TopicFilter> which, BiPredicate<TopicFilter, QueuedMessage> taker) {
    for (Map.Entry<TopicFilter, SubscriptionBuffer> e : buffers.entrySet()) {
      if (!which.test(e.getKey())) {
        continue;
      }
      SubscriptionBuffer buffer = e.getValue();
      QueuedMessage head;
      while ((head = buffer.peek()) != null && taker.test(e.getKey(), head)) {
        buffer.poll();
        size--;
      }
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** Buffered messages of one subscription (0 if it has none). */
  int size(TopicFilter via) {
    SubscriptionBuffer b = buffers.get(via);
    return b == null ? 0 : b.size();
  }

  void clear() {
    buffers = Collections.emptyMap();
    size = 0;
  }
}
