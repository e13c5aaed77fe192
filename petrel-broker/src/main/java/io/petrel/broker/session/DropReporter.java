package io.petrel.broker.session;

import io.petrel.broker.observe.BrokerCounters;
import io.petrel.codec.TopicFilter;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts messages dropped from a session's full subscription buffers and logs them, at most once
 * every ten seconds per session so that a flood cannot flood the log too. Session-confined.
 */
final class DropReporter {
  private static final Logger LOG = LoggerFactory.getLogger(DropReporter.class);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String clientId;
  private final int capacity;
  private final BrokerCounters counters;
  private long lastLogNanos;
  private long unlogged;
  private boolean loggedOnce;

  DropReporter(String clientId, int capacity, BrokerCounters counters) {
    this.clientId = clientId;
    this.capacity = capacity;
    this.counters = counters;
  }

  void dropped(TopicFilter subscription) {
    counters.messageDropped();
    unlogged++;
    long now = System.nanoTime();
    if (!loggedOnce || now - lastLogNanos >= LOG_INTERVAL_NANOS) {
      LOG.warn(
          "Client {}: subscription buffer of {} messages full on {}; dropped {} oldest message(s)",
          clientId,
          capacity,
          subscription,
          unlogged);
      loggedOnce = true;
      lastLogNanos = now;
      unlogged = 0;
    }
  }
}
