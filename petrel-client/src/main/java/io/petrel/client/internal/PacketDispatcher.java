package io.petrel.client.internal;

import io.netty.channel.Channel;
import io.petrel.codec.Disconnect;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.PubAck;
import io.petrel.codec.PubComp;
import io.petrel.codec.PubRec;
import io.petrel.codec.PubRel;
import io.petrel.codec.Publish;
import io.petrel.codec.SubAck;
import io.petrel.codec.UnsubAck;

/**
 * Hands each packet of an accepted connection to the part of the client that owns it: inbound and
 * outbound publishes, subscription requests, or the {@link ConnectionLifecycle} for DISCONNECT and
 * packets a client must not receive.
 */
final class PacketDispatcher {
  private final ConnectionLifecycle connection;
  private final InboundPublishes inbound;
  private final OutboundPublishes outbound;
  private final SubscriptionRequests subscriptions;

  PacketDispatcher(
      ConnectionLifecycle connection,
      InboundPublishes inbound,
      OutboundPublishes outbound,
      SubscriptionRequests subscriptions) {
    this.connection = connection;
    this.inbound = inbound;
    this.outbound = outbound;
    this.subscriptions = subscriptions;
  }

  void dispatch(Channel ch, MqttPacket packet) {
    switch (packet.type()) {
      case CONNACK -> connection.protocolError(ch, "a second CONNACK");
      case PUBLISH -> inbound.publish((Publish) packet, ch);
      case PUBREL -> inbound.pubRel((PubRel) packet, ch);
      case PUBACK -> outbound.pubAck((PubAck) packet, ch);
      case PUBREC -> outbound.pubRec((PubRec) packet, ch);
      case PUBCOMP -> outbound.pubComp((PubComp) packet, ch);
      case SUBACK -> {
        subscriptions.subAck((SubAck) packet);
        outbound.drain(ch); // a packet id is free again
      }
      case UNSUBACK -> {
        subscriptions.unsubAck((UnsubAck) packet);
        outbound.drain(ch);
      }
      case PINGRESP -> {}
      case DISCONNECT -> connection.disconnectedByBroker(ch, (Disconnect) packet);
      default -> connection.protocolError(ch, "a client does not accept " + packet.type());
    }
  }
}
