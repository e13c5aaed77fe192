package io.petrel.cli.bench;

import io.netty.channel.ChannelHandlerContext;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PubAck;
import io.petrel.codec.PubComp;
import io.petrel.codec.PubRec;
import io.petrel.codec.PubRel;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import io.petrel.codec.SubAck;
import io.petrel.codec.Subscribe;
import io.petrel.codec.Subscription;
import io.petrel.codec.SubscriptionOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Subscribes at the run's QoS, acknowledges what it receives (PUBACK; PUBREC, then PUBCOMP on
 * PUBREL), and counts each message by the publisher and sequence number in its payload. Acks
 * written while reading go out in one flush when the read completes.
 */
final class Subscriber extends BenchClient {
  private final int index;
  private final String filter;
  private final SequenceTracker tracker = new SequenceTracker();
  private boolean wrote;

  /** Completes when SUBACK granted the subscription: publishers start only after every one. */
  final CompletableFuture<Void> subscribed = new CompletableFuture<>();

  Subscriber(Settings settings, RunStats stats, int index) {
    super(settings, stats, settings.clientId("sub", index));
    this.index = index;
    this.filter = settings.scenario().subscribeFilter(settings.topic(), index);
  }

  int index() {
    return index;
  }

  /** Read only after the event loops stopped. */
  SequenceTracker tracker() {
    return tracker;
  }

  @Override
  protected void onConnected(ChannelHandlerContext ctx) {
    Subscription subscription = new Subscription(filter, SubscriptionOptions.of(settings.qos()));
    ctx.writeAndFlush(new Subscribe(1, List.of(subscription), MqttProperties.EMPTY));
  }

  @Override
  protected void onPacket(ChannelHandlerContext ctx, MqttPacket packet) {
    if (packet instanceof Publish publish) {
      receive(publish);
      if (publish.qos() == QoS.AT_LEAST_ONCE) {
        ctx.write(new PubAck(publish.packetId()), ctx.voidPromise());
        wrote = true;
      } else if (publish.qos() == QoS.EXACTLY_ONCE) {
        ctx.write(new PubRec(publish.packetId()), ctx.voidPromise());
        wrote = true;
      }
    } else if (packet instanceof PubRel rel) {
      ctx.write(new PubComp(rel.packetId()), ctx.voidPromise());
      wrote = true;
    } else if (packet instanceof SubAck subAck) {
      if (subAck.reasonCodes().stream().anyMatch(code -> code.isError())) {
        subscribed.completeExceptionally(
            new BenchException("the broker refused the subscription to " + filter));
      } else {
        subscribed.complete(null);
      }
    }
  }

  /**
   * Counted on arrival of the PUBLISH, also for QoS 2: a second copy of a QoS 2 message is exactly
   * the duplicate the run is meant to catch.
   */
  private void receive(Publish publish) {
    long now = System.nanoTime();
    stats.received.increment();
    Payload.Header header = Payload.read(publish.payload().unsafeArray(), now);
    if (header == null) {
      stats.foreign.increment();
      return;
    }
    if (tracker.record(header.publisher(), header.sequence())) {
      stats.distinct.increment();
    } else {
      stats.duplicated.increment();
    }
    if (header.sendNanos() >= stats.measureFromNanos) {
      stats.measuredReceived.increment();
      recorder.recordLatency(now - header.sendNanos(), now);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (wrote) {
      wrote = false;
      ctx.flush();
    }
  }

  @Override
  protected void onClosed() {
    subscribed.completeExceptionally(new BenchException("closed before SUBACK"));
  }
}
