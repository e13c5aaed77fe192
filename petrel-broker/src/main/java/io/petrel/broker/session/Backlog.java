package io.petrel.broker.session;

import io.petrel.broker.routing.PublisherFlow;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure for a session whose queue has no limit ({@code max_queued_messages 0}): when its
 * connected client falls {@link #HOLD_AT} messages behind, the publishers that keep sending to it
 * are held back (their sockets are not read) until it is down to {@link #RELEASE_AT}. Nothing is
 * dropped, as the unlimited queue promises, and yet memory stays bounded: TCP slows the publishers
 * to the pace of the slowest online subscriber they send to, where an unbounded queue would grow
 * until the heap is gone. With a limit, the queue drops its oldest messages instead (as Mosquitto
 * does) and no publisher is held back.
 *
 * <p>Behind means messages queued for the client (its socket or in-flight window is full) plus
 * messages handed to the session's thread by publishers on other threads and not yet taken: when
 * the session's thread is the one that cannot keep up, they wait in its task queue, not in the
 * session's.
 *
 * <p>An offline session holds nobody back: its messages wait in the queue (and the store) for its
 * return. A publisher is held for a short while at most ({@link PublisherFlow#pause}), so that two
 * clients that each publish to the other cannot stop each other for good.
 *
 * <p>The queue size is tracked on the session's thread; {@link #handOffStarted}, {@link #isBehind}
 * and {@link #holdBack} run on the publishers' threads.
 */
final class Backlog {
  static final int HOLD_AT = 1_000;
  static final int RELEASE_AT = 250;

  private static final Logger LOG = LoggerFactory.getLogger(Backlog.class);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final AtomicIntegerFieldUpdater<Backlog> HAND_OFFS =
      AtomicIntegerFieldUpdater.newUpdater(Backlog.class, "handOffs");

  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<Backlog, Queue> HELD =
      AtomicReferenceFieldUpdater.newUpdater(Backlog.class, Queue.class, "held");

  private final String clientId;
  // Made when a publisher is first held: every session of an unlimited-queue broker has a Backlog.
  private volatile Queue<PublisherFlow> held;
  private volatile boolean behind;
  // Deliveries handed to the session's thread and not yet offered to the session.
  private volatile int handOffs;
  private long lastLogNanos;
  private boolean logged;

  Backlog(String clientId) {
    this.clientId = clientId;
  }

  boolean isBehind() {
    return behind;
  }

  /** A publisher on another thread hands a delivery to the session's thread. */
  void handOffStarted() {
    HAND_OFFS.incrementAndGet(this);
  }

  /** The session's thread takes a handed-off delivery. */
  void handOffEnded() {
    HAND_OFFS.decrementAndGet(this);
  }

  /**
   * The connected client has {@code queued} messages waiting in the session: holds publishers back
   * from {@link #HOLD_AT} (with what waits to be handed over) and lets them go at {@link
   * #RELEASE_AT}. Session thread.
   */
  void track(int queued) {
    int size = queued + handOffs;
    if (!behind && size >= HOLD_AT) {
      behind = true;
      logHolding(size);
    } else if (behind && size <= RELEASE_AT) {
      releaseAll();
    }
  }

  /** The client is gone or its queue cleared: nobody waits for it any more. Session thread. */
  void releaseAll() {
    behind = false;
    // After the flag: a publisher that adds itself from now on sees it clear and goes on.
    Queue<PublisherFlow> waiting = held;
    if (waiting == null) {
      return;
    }
    PublisherFlow p;
    while ((p = waiting.poll()) != null) {
      p.resume();
    }
  }

  /** Publisher thread. */
  void holdBack(PublisherFlow publisher) {
    publisher.pause();
    Queue<PublisherFlow> waiting = held;
    if (waiting == null) {
      HELD.compareAndSet(this, null, new ConcurrentLinkedQueue<PublisherFlow>());
      waiting = held;
    }
    waiting.add(publisher);
    if (!behind) {
      // Released between the check and the add: resume it here, as releaseAll may have missed it.
      publisher.resume();
    }
  }

  private void logHolding(int size) {
    long now = System.nanoTime();
    if (!logged || now - lastLogNanos >= LOG_INTERVAL_NANOS) {
      LOG.info(
          "Client {}: {} messages queued; holding back its publishers until it is down to {}"
              + " (max_queued_messages 0; logged at most every 10 s per client)",
          clientId,
          size,
          RELEASE_AT);
      logged = true;
      lastLogNanos = now;
    }
  }
}
