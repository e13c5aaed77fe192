package io.petrel.broker.session;

/**
 * The bounded buffer of one subscription: a ring that drops its oldest message when a new one
 * arrives and it is full, whatever the QoS (IBM's subscription buffers, seed 002).
 */
final class SubscriptionBuffer {
  private final int capacity;
  private QueuedMessage[] ring;
  private int head;
  private int size;

  SubscriptionBuffer(int capacity) {
    this.capacity = capacity;
    this.ring = new QueuedMessage[Math.min(capacity, 16)];
  }

  /** Adds at the tail; returns the oldest message if it was dropped to make room, else null. */
  QueuedMessage add(QueuedMessage m) {
    if (size == capacity) {
      QueuedMessage dropped = ring[head];
      ring[head] = null;
      head = (head + 1) % ring.length;
      size--;
      addLast(m);
      return dropped;
    }
    if (size == ring.length) {
      grow();
    }
    addLast(m);
    return null;
  }

  private void addLast(QueuedMessage m) {
    ring[(head + size) % ring.length] = m;
    size++;
  }

  private void grow() {
    int newLength = (int) Math.min((long) ring.length * 2, capacity);
    QueuedMessage[] bigger = new QueuedMessage[newLength];
    for (int i = 0; i < size; i++) {
      bigger[i] = ring[(head + i) % ring.length];
    }
    ring = bigger;
    head = 0;
  }

  QueuedMessage peek() {
    return size == 0 ? null : ring[head];
  }

  QueuedMessage poll() {
    if (size == 0) {
      return null;
    }
    QueuedMessage m = ring[head];
    ring[head] = null;
    head = (head + 1) % ring.length;
    size--;
    return m;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
