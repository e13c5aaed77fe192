package io.petrel.broker.connection;

import io.petrel.broker.auth.TopicAuthorizer;
import io.petrel.broker.session.Session;
import io.petrel.broker.subscription.SharedFilter;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.PingReq;
import io.petrel.codec.PingResp;
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
import io.petrel.codec.UnsubAck;
import io.petrel.codec.Unsubscribe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The packets of an accepted connection, handled on the session's thread: publishes (with the QoS 1
 * and 2 acknowledgement flows), acknowledgements of outbound messages, subscribes, unsubscribes and
 * pings.
 */
final class SessionPackets {
  private final Session session;
  private final ClientConnection connection;
  private final BrokerContext broker;
  private final InboundPublishes publishes;
  // Null unless acl_file or client_classes is set.
  private final TopicAuthorizer authorizer;

  SessionPackets(Session session, ClientConnection connection, BrokerContext broker) {
    this.session = session;
    this.connection = connection;
    this.broker = broker;
    this.publishes = new InboundPublishes(session, connection, broker);
    this.authorizer = broker.authorizer().orElse(null);
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
      publishes.onPublish(p);
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

  private void onSubscribe(Subscribe s) {
    boolean mqtt5 = connection.version() == ProtocolVersion.MQTT_5;
    List<ReasonCode> codes = new ArrayList<>(s.subscriptions().size());
    List<TopicFilter> retainedFor = new ArrayList<>();
    List<Subscription> retainedForSubs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    // One identifier for every subscription of the packet (MQTT 5.0 section 3.8.2.1.2); the
    // decoder already refused 0 as a protocol error.
    List<Integer> ids = s.properties().subscriptionIdentifiers();
    OptionalInt subscriptionId = ids.isEmpty() ? OptionalInt.empty() : OptionalInt.of(ids.get(0));
    for (Subscription sub : s.subscriptions()) {
      TopicFilter filter;
      Optional<SharedFilter> sharedFilter;
      try {
        filter = TopicFilter.of(sub.topicFilter(), broker.config().wildcardSyntax());
        sharedFilter = SharedFilter.parse(filter); // [MQTT-4.8.2-1][MQTT-4.8.2-2]
      } catch (IllegalArgumentException e) {
        // [MQTT-3.8.4-5]: a failure code for this filter, the others still count.
        codes.add(mqtt5 ? ReasonCode.TOPIC_FILTER_INVALID : ReasonCode.UNSPECIFIED_ERROR);
        problems.add("\"" + sub.topicFilter() + "\": " + e.getMessage());
        continue;
      }
      boolean shared = sharedFilter.isPresent();
      // A shared subscription reads the topics of the filter inside it.
      String readFilter = shared ? sharedFilter.get().filter().value() : filter.value();
      if (authorizer != null
          && !authorizer.maySubscribe(connection.clientId(), connection.username(), readFilter)) {
        // [MQTT-3.9.3-2]: 0x80 is MQTT 3.1.1's only failure code; MQTT 5 says why.
        codes.add(mqtt5 ? ReasonCode.NOT_AUTHORIZED : ReasonCode.UNSPECIFIED_ERROR);
        problems.add("\"" + sub.topicFilter() + "\": not authorized");
        continue;
      }
      boolean isNew = session.subscribe(filter, sub.options(), subscriptionId);
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
      // A shared subscription gets no retained messages (MQTT 5.0 section 3.8.4).
      if (sendRetained && !shared) {
        retainedFor.add(filter);
        retainedForSubs.add(sub);
      }
    }
    session.write(
        new SubAck(
            s.packetId(),
            codes,
            ProblemInformation.reasonString(connection, problems))); // [MQTT-3.8.4-1]
    for (int i = 0; i < retainedFor.size(); i++) {
      session.sendRetained(retainedFor.get(i), retainedForSubs.get(i).options(), subscriptionId);
    }
  }

  private void onUnsubscribe(Unsubscribe u) {
    List<ReasonCode> codes = new ArrayList<>(u.topicFilters().size());
    List<String> problems = new ArrayList<>();
    for (String f : u.topicFilters()) {
      try {
        TopicFilter filter = TopicFilter.of(f, broker.config().wildcardSyntax());
        codes.add(
            session.unsubscribe(filter) ? ReasonCode.SUCCESS : ReasonCode.NO_SUBSCRIPTION_EXISTED);
      } catch (IllegalArgumentException e) {
        codes.add(ReasonCode.TOPIC_FILTER_INVALID);
        problems.add("\"" + f + "\": " + e.getMessage());
      }
    }
    // Sent even when no subscription matched [MQTT-3.10.4-5].
    session.write(
        new UnsubAck(u.packetId(), codes, ProblemInformation.reasonString(connection, problems)));
  }
}
