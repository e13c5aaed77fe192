package io.petrel.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens a run's connections, paced by --connect-rate and never more than {@link #MAX_PENDING}
 * handshakes at a time: a burst of thousands of SYNs overflows the broker's accept backlog, and the
 * retries a second later would show up as a slow broker.
 */
final class Connector {
  private static final int MAX_PENDING = 256;

  /**
   * Longer than the TCP connect, TLS handshake, WebSocket handshake and CONNACK timeouts (10 s
   * each) together, so every client has an answer.
   */
  private static final long SETTLE_SECONDS = 45;

  private Connector() {}

  /**
   * Connects every client and returns those that got a successful CONNACK; {@code tick} runs
   * between connects (progress). Failures are counted in the run's stats by the clients.
   */
  static <C extends BenchClient> List<C> connectAll(
      Transport transport, Settings settings, List<C> clients, int rate, Runnable tick)
      throws InterruptedException {
    Semaphore pending = new Semaphore(MAX_PENDING);
    long start = System.nanoTime();
    for (int i = 0; i < clients.size(); i++) {
      if (rate > 0) {
        long due = start + (long) (i * 1e9 / rate);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
      }
      while (!pending.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        tick.run();
      }
      C client = clients.get(i);
      client.connected.whenComplete((ok, error) -> pending.release());
      transport.connect(settings, client);
      tick.run();
    }
    CompletableFuture<?> all =
        CompletableFuture.allOf(
            clients.stream()
                .map(c -> c.connected.exceptionally(e -> null))
                .toArray(CompletableFuture[]::new));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
    while (!all.isDone() && System.nanoTime() < deadline) {
      try {
        all.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        tick.run();
      }
    }
    List<C> up = new ArrayList<>();
    for (C client : clients) {
      if (client.connected.isDone() && !client.connected.isCompletedExceptionally()) {
        up.add(client);
      } else {
        client.failed(new BenchException("no answer from the broker"));
      }
    }
    return up;
  }
}
