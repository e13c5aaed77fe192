package io.petrel.cli.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.PubAck;
import io.petrel.codec.PubComp;
import io.petrel.codec.PubRec;
import io.petrel.codec.PubRel;
import io.petrel.codec.QoS;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes numbered messages on its own event loop. Unlimited, it keeps its channel busy: it
 * writes while the channel is writable and the in-flight window has room, flushes once per batch,
 * and resumes when the channel drains or acks arrive. With a rate it sends, on each tick of a
 * timer, what the rate allows since the start, so a late tick catches up instead of lowering the
 * rate (lowering it would hide exactly the stalls a latency run is there to show).
 */
final class Publisher extends BenchClient {
  /** After this many writes a pump yields to the loop, so the loop's other channels get read. */
  private static final int MAX_BATCH = 512;

  private static final long MIN_TICK_NANOS = 1_000_000; // 1 ms
  private static final long MAX_TICK_NANOS = 100_000_000; // 100 ms

  private final int index;
  private final PublishTemplate template;
  private final boolean acked;
  private final int maxInflight;
  private final long limit;
  private final double ratePerSecond;
  private final BitSet inflightIds = new BitSet(65536);

  /** Completes when the publisher has stopped and every message it sent is acknowledged. */
  final CompletableFuture<Void> finished = new CompletableFuture<>();

  // Event-loop state; sentCount is read by the coordinator once finished (or the loop stopped).
  private volatile long sentCount;
  private int inflight;
  private int nextPacketId = 1;
  private long startNanos;
  private boolean running;
  private boolean stopped;
  private boolean pumping;
  private ScheduledFuture<?> ticker;

  Publisher(Settings settings, RunStats stats, int index, double ratePerSecond) {
    super(settings, stats, settings.clientId("pub", index));
    this.index = index;
    this.template =
        new PublishTemplate(
            Scenario.publishTopic(settings.topic(), index),
            settings.qos(),
            settings.payloadSize(),
            settings.version());
    this.acked = settings.qos() != QoS.AT_MOST_ONCE;
    this.maxInflight = settings.inflight();
    this.limit = settings.byCount() ? settings.count() : Long.MAX_VALUE;
    this.ratePerSecond = ratePerSecond;
  }

  int index() {
    return index;
  }

  long sentCount() {
    return sentCount;
  }

  /** Starts publishing; from any thread. */
  void start() {
    channel.eventLoop().execute(this::startOnLoop);
  }

  /** Stops publishing; finishes once what is in flight is acknowledged. From any thread. */
  void stop() {
    if (channel != null) {
      channel.eventLoop().execute(this::stopOnLoop);
    }
  }

  @Override
  protected void onConnected(ChannelHandlerContext ctx) {}

  private void startOnLoop() {
    if (!channel.isActive()) {
      finished.complete(null);
      return;
    }
    running = true;
    startNanos = System.nanoTime();
    if (ratePerSecond > 0) {
      long tick = (long) (1e9 / ratePerSecond);
      tick = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, tick));
      ticker = channel.eventLoop().scheduleAtFixedRate(this::pump, 0, tick, TimeUnit.NANOSECONDS);
    } else {
      pump();
    }
  }

  private void stopOnLoop() {
    stopped = true;
    if (ticker != null) {
      ticker.cancel(false);
    }
    finishIfDone();
  }

  private void pump() {
    if (!running || stopped || pumping) {
      return;
    }
    pumping = true;
    long allowance =
        ratePerSecond > 0
            ? (long) (ratePerSecond * (System.nanoTime() - startNanos) / 1e9) + 1 - sentCount
            : Long.MAX_VALUE;
    long sent = sentCount;
    int batch = 0;
    while (batch < allowance
        && batch < MAX_BATCH
        && sent < limit
        && channel.isWritable()
        && (!acked || inflight < maxInflight)) {
      int packetId = acked ? takePacketId() : 0;
      long now = System.nanoTime();
      channel.write(
          template.encode(channel.alloc(), packetId, index, (int) sent, now),
          channel.voidPromise());
      sent++;
      batch++;
    }
    if (batch > 0) {
      sentCount = sent;
      stats.sent.add(batch);
      if (System.nanoTime() >= stats.measureFromNanos) {
        stats.measuredSent.add(batch);
      }
      if (acked) {
        stats.inflight.add(batch);
      }
      channel.flush();
    }
    pumping = false;
    if (sent >= limit) {
      stopOnLoop();
    } else if (batch == MAX_BATCH) {
      channel.eventLoop().execute(this::pump);
    }
  }

  private int takePacketId() {
    while (inflightIds.get(nextPacketId)) {
      nextPacketId = nextPacketId == 0xFFFF ? 1 : nextPacketId + 1;
    }
    int id = nextPacketId;
    inflightIds.set(id);
    inflight++;
    nextPacketId = nextPacketId == 0xFFFF ? 1 : nextPacketId + 1;
    return id;
  }

  @Override
  protected void onPacket(ChannelHandlerContext ctx, MqttPacket packet) {
    if (packet instanceof PubAck ack) {
      release(ack.packetId());
    } else if (packet instanceof PubRec rec) {
      // The message is the broker's now; the id stays taken until PUBCOMP [MQTT-4.3.3].
      ctx.write(new PubRel(rec.packetId()), ctx.voidPromise());
    } else if (packet instanceof PubComp comp) {
      release(comp.packetId());
    }
  }

  private void release(int packetId) {
    if (inflightIds.get(packetId)) {
      inflightIds.clear(packetId);
      inflight--;
      stats.inflight.decrement();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush(); // PUBRELs written while reading
    pump(); // acks may have opened the window
    finishIfDone();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      pump();
    }
  }

  @Override
  protected void onClosed() {
    running = false;
    if (ticker != null) {
      ticker.cancel(false);
    }
    stats.inflight.add(-inflight);
    inflight = 0;
    finished.complete(null);
  }

  private void finishIfDone() {
    if (stopped && inflight == 0) {
      finished.complete(null);
    }
  }
}
