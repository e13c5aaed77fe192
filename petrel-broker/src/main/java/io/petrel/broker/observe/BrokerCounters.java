package io.petrel.broker.observe;

import java.util.concurrent.atomic.LongAdder;

/**
 * Broker-wide counters, updated from every event-loop thread without contention (LongAdder). The
 * metrics registry and $SYS topics read them.
 */
public final class BrokerCounters {
  private final LongAdder publishReceived = new LongAdder();
  private final LongAdder publishSent = new LongAdder();
  private final LongAdder messagesDropped = new LongAdder();
  private final LongAdder connectionsOpened = new LongAdder();
  private final LongAdder connectionsRefused = new LongAdder();

  public void publishReceived() {
    publishReceived.increment();
  }

  public void publishSent() {
    publishSent.increment();
  }

  public void messageDropped() {
    messagesDropped.increment();
  }

  public void connectionOpened() {
    connectionsOpened.increment();
  }

  public void connectionRefused() {
    connectionsRefused.increment();
  }

  public long publishReceivedCount() {
    return publishReceived.sum();
  }

  public long publishSentCount() {
    return publishSent.sum();
  }

  /** Messages dropped because a subscription buffer was full. */
  public long messagesDroppedCount() {
    return messagesDropped.sum();
  }

  public long connectionsOpenedCount() {
    return connectionsOpened.sum();
  }

  public long connectionsRefusedCount() {
    return connectionsRefused.sum();
  }
}
