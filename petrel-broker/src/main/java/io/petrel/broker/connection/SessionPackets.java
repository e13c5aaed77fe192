package io.petrel.broker.connection;

import io.petrel.broker.routing.Message;
import io.petrel.broker.session.Session;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PingReq;
import io.petrel.codec.PingResp;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.PubAck;
import io.petrel.codec.PubComp;
import io.petrel.codec.PubRec;
import io.petrel.codec.PubRel;
import io.petrel.codec.Publish;
import io.petrel.codec.ReasonCode;
import io.petrel.codec.SubAck;
import io.petrel.codec.Subscribe;
import io.petrel.codec.Subscription;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import io.petrel.codec.UnsubAck;
import io.petrel.codec.Unsubscribe;
import java.util.ArrayList;
import java.util.List;

/**
 * The packets of an accepted connection, handled on the session's thread: publishes (with the QoS 1
 * and 2 acknowledgement flows), acknowledgements of outbound messages, subscribes, unsubscribes and
 * pings.
 */
final class SessionPackets {
  private final Session session;
  private final ClientConnection connection;
  private final BrokerContext broker;

  SessionPackets(Session session, ClientConnection connection, BrokerContext broker) {
    this.session = session;
    this.connection = connection;
    this.broker = broker;
  }

  Session session() {
    return session;
  }

  /** Hands a packet to the session's thread; packets keep their order. */
  void handle(MqttPacket packet) {
    if (session.executor().inEventLoop()) {
      handleOnSessionThread(packet); // the usual case: no task, no allocation
    } else {
      session.executor().execute(() -> handleOnSessionThread(packet));
    }
  }

  private void handleOnSessionThread(MqttPacket packet) {
    // Java 17: no pattern matching in switch yet, so an instanceof chain, most frequent first.
    if (packet instanceof Publish p) {
      onPublish(p);
    } else if (packet instanceof PubAck a) {
      session.onPubAck(a.packetId());
    } else if (packet instanceof PubRec r) {
      session.onPubRec(r.packetId());
    } else if (packet instanceof PubRel r) {
      session.releaseInboundQos2(r.packetId());
      session.write(new PubComp(r.packetId())); // [MQTT-4.3.3-2]
    } else if (packet instanceof PubComp c) {
      session.onPubComp(c.packetId());
    } else if (packet instanceof Subscribe s) {
      onSubscribe(s);
    } else if (packet instanceof Unsubscribe u) {
      onUnsubscribe(u);
    } else if (packet instanceof PingReq) {
      session.write(PingResp.INSTANCE); // [MQTT-3.12.4-1]
    } else {
      connection.disconnect(
          ReasonCode.PROTOCOL_ERROR, packet.type() + " is not expected from a client");
    }
  }

  private void onPublish(Publish p) {
    broker.counters().publishReceived();
    TopicName topic;
    try {
      topic = TopicName.of(p.topic(), broker.config().wildcardSyntax());
    } catch (IllegalArgumentException e) {
      connection.disconnect(ReasonCode.TOPIC_NAME_INVALID, e.getMessage());
      return;
    }
    if (p.retain() && !broker.config().retainAvailable()) {
      connection.disconnect(ReasonCode.RETAIN_NOT_SUPPORTED, "retain is not available");
      return;
    }
    Message message =
        new Message(topic, p.payload(), p.qos(), p.retain(), forwarded(p), connection.clientId());
    switch (p.qos()) {
      case AT_MOST_ONCE -> broker.router().publish(message);
      case AT_LEAST_ONCE -> {
        // The PUBACK goes after routing: the message has been handed to every subscriber
        // [MQTT-4.3.2-2].
        broker.router().publish(message);
        session.write(new PubAck(p.packetId()));
      }
      case EXACTLY_ONCE -> {
        // Route on first receipt only; a re-sent PUBLISH with the same id just gets its PUBREC
        // again, so the message is delivered once [MQTT-4.3.3-2].
        if (session.beginInboundQos2(p.packetId())) {
          broker.router().publish(message);
        }
        session.write(new PubRec(p.packetId()));
      }
    }
  }

  /**
   * MQTT 5 properties forwarded to subscribers; a 3.1.1 publisher has none. A topic alias belongs
   * to the publisher's connection only, so it is not forwarded [MQTT-3.3.2-12].
   */
  private static MqttProperties forwarded(Publish p) {
    MqttProperties props = p.properties();
    if (props.isEmpty()) {
      return MqttProperties.EMPTY;
    }
    return props.contains(PropertyId.TOPIC_ALIAS)
        ? props.toBuilder().remove(PropertyId.TOPIC_ALIAS).build()
        : props;
  }

  private void onSubscribe(Subscribe s) {
    boolean mqtt5 = connection.version() == ProtocolVersion.MQTT_5;
    List<ReasonCode> codes = new ArrayList<>(s.subscriptions().size());
    List<TopicFilter> retainedFor = new ArrayList<>();
    List<Subscription> retainedForSubs = new ArrayList<>();
    for (Subscription sub : s.subscriptions()) {
      TopicFilter filter;
      try {
        filter = TopicFilter.of(sub.topicFilter(), broker.config().wildcardSyntax());
      } catch (IllegalArgumentException e) {
        // [MQTT-3.8.4-5]: a failure code for this filter, the others still count.
        codes.add(mqtt5 ? ReasonCode.TOPIC_FILTER_INVALID : ReasonCode.UNSPECIFIED_ERROR);
        continue;
      }
      boolean isNew = session.subscribe(filter, sub.options());
      // The server grants the QoS asked for: it supports all three [MQTT-3.8.4-6].
      codes.add(ReasonCode.granted(sub.options().maxQos()));
      // Retain Handling: 0 sends retained messages on every subscribe, 1 only for a new
      // subscription, 2 never [MQTT-3.3.1-9][MQTT-3.3.1-10][MQTT-3.3.1-11]. MQTT 3.1.1 is 0.
      boolean sendRetained =
          switch (sub.options().retainHandling()) {
            case SEND_ON_SUBSCRIBE -> true;
            case SEND_IF_NEW_SUBSCRIPTION -> isNew;
            case DO_NOT_SEND -> false;
          };
      if (sendRetained) {
        retainedFor.add(filter);
        retainedForSubs.add(sub);
      }
    }
    session.write(new SubAck(s.packetId(), codes, MqttProperties.EMPTY)); // [MQTT-3.8.4-1]
    for (int i = 0; i < retainedFor.size(); i++) {
      session.sendRetained(retainedFor.get(i), retainedForSubs.get(i).options());
    }
  }

  private void onUnsubscribe(Unsubscribe u) {
    List<ReasonCode> codes = new ArrayList<>(u.topicFilters().size());
    for (String f : u.topicFilters()) {
      try {
        TopicFilter filter = TopicFilter.of(f, broker.config().wildcardSyntax());
        codes.add(
            session.unsubscribe(filter) ? ReasonCode.SUCCESS : ReasonCode.NO_SUBSCRIPTION_EXISTED);
      } catch (IllegalArgumentException e) {
        codes.add(ReasonCode.TOPIC_FILTER_INVALID);
      }
    }
    // Sent even when no subscription matched [MQTT-3.10.4-5].
    session.write(new UnsubAck(u.packetId(), codes, MqttProperties.EMPTY));
  }
}
