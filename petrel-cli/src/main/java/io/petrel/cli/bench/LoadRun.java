package io.petrel.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a message scenario: connect the subscribers and wait for every SUBACK (the start barrier),
 * connect the publishers, publish for --count or --duration, drain, disconnect, and add it all up.
 * This thread only coordinates and prints progress; the clients run on the transport's loops.
 */
final class LoadRun {
  private static final long SECOND = 1_000_000_000L;

  /** After publishing, how long to wait for messages still on their way. */
  private static final long DRAIN_NANOS = 5 * SECOND;

  /** A drain also ends when nothing has arrived for this long: the rest is lost. */
  private static final long QUIET_NANOS = SECOND;

  /** With nothing sent, acknowledged or received for this long, the run ends as stalled. */
  private static final long STALL_NANOS = 10 * SECOND;

  private static final long TICK_MILLIS = 100;

  private final Settings settings;
  private final Progress progress;
  private final RunStats stats = new RunStats();

  LoadRun(Settings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
  }

  Summary run() throws BenchException, InterruptedException {
    long cpuStart = CpuClock.processCpuNanos();
    long wallStart = System.nanoTime();
    Scenario scenario = settings.scenario();
    List<Subscriber> subscribers = new ArrayList<>();
    List<Publisher> publishers = new ArrayList<>();
    for (int i = 0; i < settings.subscribers(); i++) {
      subscribers.add(new Subscriber(settings, stats, i));
    }
    double ratePerPublisher = settings.rate() / (double) Math.max(1, settings.publishers());
    for (int i = 0; i < settings.publishers(); i++) {
      publishers.add(new Publisher(settings, stats, i, ratePerPublisher));
    }
    List<Subscriber> listening;
    List<Publisher> started;
    long measureFrom;
    long publishEnd;
    String endedBy;
    double busiestLoop;
    try (Transport transport = new Transport(settings.threads())) {
      listening = subscribe(transport, subscribers);
      started =
          Connector.connectAll(transport, settings, publishers, settings.connectRate(), () -> {});
      requireSome(publishers, started);
      long start = System.nanoTime();
      measureFrom = start + (long) (settings.warmupSeconds() * SECOND);
      stats.measureFromNanos = measureFrom;
      progress.show(progressLine(start));
      started.forEach(Publisher::start);
      endedBy = started.isEmpty() ? listen(measureFrom) : publish(started, measureFrom);
      publishEnd = System.nanoTime();
      if (!started.isEmpty() && !listening.isEmpty()) {
        drain(expected(started, listening), publishEnd);
      }
      progress.clear();
      busiestLoop = transport.busiestLoop();
      List<BenchClient> all = new ArrayList<>(subscribers);
      all.addAll(publishers);
      all.stream().map(BenchClient::close).toList().forEach(f -> f.awaitUninterruptibly(2_000));
    }
    // The loops have stopped: every client's state is final and visible here.
    long lost = 0;
    for (Subscriber sub : listening) {
      if (scenario == Scenario.SUB) {
        lost += sub.tracker().gaps();
      }
      for (Publisher pub : started) {
        if (scenario.hears(sub.index(), pub.index())) {
          lost += sub.tracker().lost(pub.index(), pub.sentCount());
        }
      }
    }
    double measured = Math.max(0, (publishEnd - measureFrom) / 1e9);
    double receiving = Math.max(0, (stats.lastReceiveNanos() - measureFrom) / 1e9);
    long cpuEnd = CpuClock.processCpuNanos();
    return new Summary(
        settings,
        started.size(),
        listening.size(),
        measured,
        endedBy,
        started.stream().mapToLong(Publisher::sentCount).sum(),
        stats.received.sum(),
        lost,
        stats.duplicated.sum(),
        stats.foreign.sum(),
        measured > 0 ? stats.measuredSent.sum() / measured : 0,
        receiving > 0 ? stats.measuredReceived.sum() / receiving : 0,
        Summary.Latency.of(stats.latency()),
        cpuStart < 0 ? -1 : (cpuEnd - cpuStart) / 1e9,
        (System.nanoTime() - wallStart) / 1e9,
        busiestLoop,
        stats.connectFailures.get(),
        stats.connectionsLost.get(),
        0,
        0,
        0,
        Summary.Latency.NONE);
  }

  /** Connects the subscribers and returns those whose subscription was granted. */
  private List<Subscriber> subscribe(Transport transport, List<Subscriber> subscribers)
      throws BenchException, InterruptedException {
    List<Subscriber> up =
        Connector.connectAll(transport, settings, subscribers, settings.connectRate(), () -> {});
    requireSome(subscribers, up);
    List<Subscriber> granted = new ArrayList<>();
    for (Subscriber sub : up) {
      try {
        sub.subscribed.get(10, TimeUnit.SECONDS);
        granted.add(sub);
      } catch (ExecutionException | TimeoutException e) {
        stats.failure(
            e instanceof ExecutionException ? e.getCause().getMessage() : "no SUBACK within 10 s");
      }
    }
    if (!subscribers.isEmpty() && granted.isEmpty()) {
      throw new BenchException(stats.firstFailure.get());
    }
    return granted;
  }

  private void requireSome(List<? extends BenchClient> wanted, List<? extends BenchClient> up)
      throws BenchException {
    if (!wanted.isEmpty() && up.isEmpty()) {
      throw new BenchException(
          "cannot connect to " + settings.address() + ": " + stats.firstFailure.get());
    }
  }

  /** Until every publisher has finished, the duration is over or the run stalls. */
  private String publish(List<Publisher> publishers, long measureFrom) throws InterruptedException {
    CompletableFuture<?> finished =
        CompletableFuture.allOf(
            publishers.stream().map(p -> p.finished).toArray(CompletableFuture[]::new));
    long deadline =
        settings.byCount()
            ? Long.MAX_VALUE
            : measureFrom + (long) (settings.durationSeconds() * SECOND);
    boolean stopped = false;
    Stall stall = new Stall();
    while (!finished.isDone()) {
      long now = System.nanoTime();
      if (!stopped && now >= deadline) {
        publishers.forEach(Publisher::stop);
        stopped = true;
      }
      if (stall.check(now)) {
        publishers.forEach(Publisher::stop);
        return "stalled";
      }
      progress.tick();
      await(
          finished,
          stopped ? TICK_MILLIS : Math.min(TICK_MILLIS, (deadline - now) / 1_000_000 + 1));
    }
    return stopped ? "duration" : "count";
  }

  /** The sub scenario: receives until the duration is over or each subscriber had --count. */
  private String listen(long measureFrom) throws InterruptedException {
    long deadline = measureFrom + (long) (settings.durationSeconds() * SECOND);
    long wanted = settings.count() * settings.subscribers();
    while (System.nanoTime() < deadline) {
      if (settings.byCount() && stats.received.sum() >= wanted) {
        return "count";
      }
      progress.tick();
      Thread.sleep(TICK_MILLIS);
    }
    return "duration";
  }

  private void drain(long expected, long since) throws InterruptedException {
    long lastReceived = -1;
    long lastChange = since;
    for (long now = System.nanoTime(); now - since < DRAIN_NANOS; now = System.nanoTime()) {
      long received = stats.received.sum();
      if (stats.distinct.sum() >= expected) {
        return;
      }
      if (received != lastReceived) {
        lastReceived = received;
        lastChange = now;
      } else if (now - lastChange > QUIET_NANOS) {
        return;
      }
      progress.tick();
      Thread.sleep(10);
    }
  }

  /** Distinct messages the subscribers should end up with; publishers have finished here. */
  private long expected(List<Publisher> publishers, List<Subscriber> subscribers) {
    long expected = 0;
    for (Publisher pub : publishers) {
      for (Subscriber sub : subscribers) {
        if (settings.scenario().hears(sub.index(), pub.index())) {
          expected += pub.sentCount();
        }
      }
    }
    return expected;
  }

  private static void await(CompletableFuture<?> future, long millis) throws InterruptedException {
    try {
      future.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // next tick
    }
  }

  private java.util.function.LongFunction<String> progressLine(long start) {
    long[] last = {0, 0, start};
    return now -> {
      long sent = stats.sent.sum();
      long received = stats.received.sum();
      double seconds = (now - last[2]) / 1e9;
      Histogram interval = stats.takeInterval();
      String line =
          String.format(
              Locale.ROOT,
              "%6.1f s  sent %,9.0f/s  received %,9.0f/s  in flight %,6d  p99 %7.2f ms",
              (now - start) / 1e9,
              (sent - last[0]) / seconds,
              (received - last[1]) / seconds,
              stats.inflight.sum(),
              interval.percentile(99) / 1e6);
      last[0] = sent;
      last[1] = received;
      last[2] = now;
      return line;
    };
  }

  /** Notices when nothing moves: a broker that stopped acknowledging must not hang the run. */
  private final class Stall {
    private long signature = -1;
    private long since;

    boolean check(long now) {
      long current = stats.sent.sum() * 31 + stats.received.sum() * 17 + stats.inflight.sum();
      if (current != signature) {
        signature = current;
        since = now;
        return false;
      }
      return now - since > STALL_NANOS;
    }
  }
}
