package io.petrel.client.internal;

import io.netty.channel.Channel;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.petrel.client.MessageHandler;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PubAck;
import io.petrel.codec.PubComp;
import io.petrel.codec.PubRec;
import io.petrel.codec.PubRel;
import io.petrel.codec.Publish;
import io.petrel.codec.ReasonCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Messages from the broker: acknowledged at their QoS and handed to the handlers of the matching
 * subscriptions on the callback thread. QoS 2 uses the packet id as the de-duplication key until
 * PUBREL: a message is delivered on its first PUBLISH only [MQTT-4.3.3-2 for the receiver]. Used on
 * the event loop only.
 */
final class InboundPublishes {
  private static final InternalLogger log =
      InternalLoggerFactory.getInstance(InboundPublishes.class);

  private final ClientSettings settings;
  private final SubscriptionRequests subscriptions;
  private final Callbacks callbacks;
  private final Set<Integer> awaitingRelease = new HashSet<>();

  InboundPublishes(
      ClientSettings settings, SubscriptionRequests subscriptions, Callbacks callbacks) {
    this.settings = settings;
    this.subscriptions = subscriptions;
    this.callbacks = callbacks;
  }

  void publish(Publish p, Channel ch) {
    switch (p.qos()) {
      case AT_MOST_ONCE -> dispatch(p);
      case AT_LEAST_ONCE -> {
        dispatch(p);
        ch.writeAndFlush(new PubAck(p.packetId()));
      }
      case EXACTLY_ONCE -> {
        if (awaitingRelease.add(p.packetId())) {
          dispatch(p);
        }
        ch.writeAndFlush(new PubRec(p.packetId()));
      }
    }
  }

  void pubRel(PubRel rel, Channel ch) {
    boolean known = awaitingRelease.remove(rel.packetId());
    ch.writeAndFlush(
        known || !settings.version().isMqtt5()
            ? new PubComp(rel.packetId())
            : new PubComp(
                rel.packetId(), ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, MqttProperties.EMPTY));
  }

  /** A new session: no QoS 2 message from the old one can be resent. */
  void sessionLost() {
    awaitingRelease.clear();
  }

  private void dispatch(Publish p) {
    List<Receiver> receivers = subscriptions.route(p);
    if (receivers.isEmpty()) {
      if (settings.fallbackHandler().isEmpty()) {
        log.debug("no handler for a message on {}", p.topic());
        return;
      }
      MessageHandler fallback = settings.fallbackHandler().get();
      receivers = List.of(m -> fallback.onMessage(m.topic(), m.payload(), m.properties()));
    }
    for (Receiver r : receivers) {
      callbacks.runApplicationCode(() -> r.receive(p), "the message handler for " + p.topic());
    }
  }
}
