package io.petrel.cli.bench;

import io.netty.channel.ChannelHandlerContext;
import io.petrel.codec.MqttPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conn scenario: opens --clients connections at --connect-rate, keeps them idle for --hold
 * seconds (pinging, so the broker keeps them), and reports the connect rate, CONNECT-to-CONNACK
 * latency, failures and connections the broker dropped while they were idle.
 */
final class ConnRun {
  private static final long SECOND = 1_000_000_000L;

  private final Settings settings;
  private final Progress progress;
  private final RunStats stats = new RunStats();

  ConnRun(Settings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
  }

  Summary run() throws BenchException, InterruptedException {
    long cpuStart = CpuClock.processCpuNanos();
    long wallStart = System.nanoTime();
    List<IdleClient> clients = new ArrayList<>();
    for (int i = 0; i < settings.clients(); i++) {
      clients.add(new IdleClient(settings, stats, i));
    }
    List<IdleClient> up;
    long connectNanos;
    long holdNanos;
    double busiestLoop;
    try (Transport transport = new Transport(settings.threads())) {
      long start = System.nanoTime();
      progress.show(
          now ->
              String.format(
                  Locale.ROOT,
                  "%6.1f s  connected %,d  failed %,d  lost %,d",
                  (now - start) / 1e9,
                  clients.stream().filter(c -> c.connected.isDone()).count()
                      - stats.connectFailures.get(),
                  stats.connectFailures.get(),
                  stats.connectionsLost.get()));
      up =
          Connector.connectAll(
              transport, settings, clients, settings.connectRate(), progress::tick);
      connectNanos = System.nanoTime() - start;
      if (up.isEmpty()) {
        throw new BenchException(
            "cannot connect to " + settings.address() + ": " + stats.firstFailure.get());
      }
      long holdStart = System.nanoTime();
      long holdEnd = holdStart + (long) (settings.holdSeconds() * SECOND);
      while (System.nanoTime() < holdEnd && stats.connectionsLost.get() < up.size()) {
        progress.tick();
        Thread.sleep(Math.max(1, Math.min(100, (holdEnd - System.nanoTime()) / 1_000_000)));
      }
      holdNanos = System.nanoTime() - holdStart;
      progress.clear();
      busiestLoop = transport.busiestLoop();
      up.stream().map(BenchClient::close).toList().forEach(f -> f.awaitUninterruptibly(2_000));
    }
    double connectSeconds = connectNanos / 1e9;
    long cpuEnd = CpuClock.processCpuNanos();
    return new Summary(
        settings,
        0,
        0,
        holdNanos / 1e9,
        "hold",
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        Summary.Latency.NONE,
        cpuStart < 0 ? -1 : (cpuEnd - cpuStart) / 1e9,
        (System.nanoTime() - wallStart) / 1e9,
        busiestLoop,
        stats.connectFailures.get(),
        stats.connectionsLost.get(),
        up.size(),
        connectSeconds > 0 ? up.size() / connectSeconds : 0,
        connectSeconds,
        Summary.Latency.of(stats.connectLatency()));
  }

  /** A connection that only keeps itself alive. */
  private static final class IdleClient extends BenchClient {
    IdleClient(Settings settings, RunStats stats, int index) {
      super(settings, stats, settings.clientId("conn", index));
    }

    @Override
    protected void onConnected(ChannelHandlerContext ctx) {}

    @Override
    protected void onPacket(ChannelHandlerContext ctx, MqttPacket packet) {}
  }
}
