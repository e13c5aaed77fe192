package io.petrel.cli.bench;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters shared by every client of a run, and latency histograms kept per event loop: a loop
 * records only into its own, so recording needs no lock, and the coordinator merges them by running
 * a task on each loop (or after the loops have stopped).
 */
final class RunStats {
  final LongAdder sent = new LongAdder();
  final LongAdder received = new LongAdder();

  /** Messages sent after the warmup, and received of those: the ones rates and latency count. */
  final LongAdder measuredSent = new LongAdder();

  final LongAdder measuredReceived = new LongAdder();

  /** Received for the first time, per subscriber: what the drain waits for. */
  final LongAdder distinct = new LongAdder();

  final LongAdder duplicated = new LongAdder();

  /** Received payloads without our header, e.g. from another publisher in a sub run. */
  final LongAdder foreign = new LongAdder();

  /** QoS 1/2 messages sent and not yet fully acknowledged, over all publishers. */
  final LongAdder inflight = new LongAdder();

  final AtomicInteger connectFailures = new AtomicInteger();
  final AtomicInteger connectionsLost = new AtomicInteger();
  final AtomicReference<String> firstFailure = new AtomicReference<>();

  /** Messages sent at or after this nanoTime are measured; set before publishers start. */
  volatile long measureFromNanos = Long.MIN_VALUE;

  private final ConcurrentHashMap<EventLoop, LoopRecorder> loops = new ConcurrentHashMap<>();

  LoopRecorder recorder(EventLoop loop) {
    return loops.computeIfAbsent(loop, l -> new LoopRecorder());
  }

  void failure(String reason) {
    firstFailure.compareAndSet(null, reason);
  }

  /** The latencies since the last call, merged over loops; each loop hands its own over. */
  Histogram takeInterval() {
    Histogram merged = new Histogram();
    for (var e : loops.entrySet()) {
      try {
        merged.add(e.getKey().submit(e.getValue()::takeInterval).get(1, TimeUnit.SECONDS));
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException | RuntimeException ex) {
        // A loop shutting down or too busy to answer within a second: this interval misses it.
      }
    }
    return merged;
  }

  /** Only after the loops have stopped: their last writes are visible then. */
  Histogram latency() {
    Histogram merged = new Histogram();
    loops.values().forEach(r -> merged.add(r.latency));
    return merged;
  }

  /** Only after the loops have stopped. */
  Histogram connectLatency() {
    Histogram merged = new Histogram();
    loops.values().forEach(r -> merged.add(r.connect));
    return merged;
  }

  /** Only after the loops have stopped: when the last measured message arrived, or 0. */
  long lastReceiveNanos() {
    return loops.values().stream().mapToLong(r -> r.lastReceiveNanos).max().orElse(0);
  }

  /** One event loop's histograms; touched only by that loop's thread. */
  static final class LoopRecorder {
    final Histogram latency = new Histogram();
    final Histogram connect = new Histogram();
    private Histogram interval = new Histogram();
    long lastReceiveNanos;

    void recordLatency(long nanos, long now) {
      latency.record(nanos);
      interval.record(nanos);
      lastReceiveNanos = now;
    }

    private Histogram takeInterval() {
      Histogram taken = interval;
      interval = new Histogram();
      return taken;
    }
  }
}
