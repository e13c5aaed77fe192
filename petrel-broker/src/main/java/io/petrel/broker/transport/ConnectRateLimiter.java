package io.petrel.broker.transport;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code max_connect_rate}: a token bucket per source IP address that holds one second's worth of
 * connections and refills at the rate, so a client may reconnect in a short burst but a storm is
 * cut to the rate. Not thread-safe: it runs on the event loop that accepts the listener's
 * connections.
 */
final class ConnectRateLimiter {
  static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final double NANOS_PER_SECOND = 1e9;

  private final int perSecond;
  private final Map<InetAddress, Bucket> buckets = new HashMap<>();
  private long lastSweep;

  ConnectRateLimiter(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Whether a new connection from {@code address} at {@code now} (nanos) is within the rate. */
  boolean tryAcquire(InetAddress address, long now) {
    sweep(now);
    Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(perSecond, now));
    bucket.refill(now, perSecond);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    bucket.refusedSinceLog++;
    return false;
  }

  /**
   * For a refused address: how many refusals the log line should report, or 0 if one was logged
   * less than ten seconds ago (a storm gets one line per address every ten seconds).
   */
  int refusalsToLog(InetAddress address, long now) {
    Bucket bucket = buckets.get(address);
    if (bucket == null || (bucket.logged && now - bucket.lastLog < LOG_INTERVAL_NANOS)) {
      return 0;
    }
    int count = bucket.refusedSinceLog;
    bucket.refusedSinceLog = 0;
    bucket.lastLog = now;
    bucket.logged = true;
    return count;
  }

  int trackedAddresses() {
    return buckets.size();
  }

  // A bucket untouched for the log interval is full again and its log throttle has expired, so
  // dropping it changes nothing; this keeps the map as small as the recent sources.
  private void sweep(long now) {
    if (now - lastSweep < LOG_INTERVAL_NANOS) {
      return;
    }
    lastSweep = now;
    buckets.values().removeIf(b -> now - b.updated >= LOG_INTERVAL_NANOS);
  }

  private static final class Bucket {
    double tokens;
    long updated;
    long lastLog;
    boolean logged;
    int refusedSinceLog;

    Bucket(int capacity, long now) {
      this.tokens = capacity;
      this.updated = now;
    }

    void refill(long now, int perSecond) {
      tokens = Math.min(perSecond, tokens + (now - updated) * perSecond / NANOS_PER_SECOND);
      updated = now;
    }
  }
}
