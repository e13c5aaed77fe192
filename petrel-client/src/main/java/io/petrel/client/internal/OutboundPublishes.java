package io.petrel.client.internal;

import io.netty.channel.Channel;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.petrel.client.MqttClientException;
import io.petrel.client.PublishResult;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.PubAck;
import io.petrel.codec.PubComp;
import io.petrel.codec.PubRec;
import io.petrel.codec.PubRel;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Outbound messages ("Send"): those waiting for a packet id (offline, or held back by the broker's
 * Receive Maximum) and the QoS 1 and 2 flows in flight until PUBACK or PUBCOMP. Session state: it
 * outlives connections, and with a file store, processes. Used on the event loop only; methods that
 * write take the connected channel, or null when there is none.
 */
final class OutboundPublishes {
  private static final InternalLogger log =
      InternalLoggerFactory.getInstance(OutboundPublishes.class);

  /** A publish not yet given a packet id. */
  record Pending(
      String topic,
      Bytes payload,
      QoS qos,
      boolean retain,
      MqttProperties properties,
      CompletableFuture<PublishResult> future) {}

  private final ClientSettings settings;
  private final PacketIds ids;
  private final InflightStore store;
  private final Callbacks callbacks;
  private final Map<Integer, OutboundFlow> inflight = new HashMap<>();
  private final ArrayDeque<Pending> queued = new ArrayDeque<>();
  private long sequence;

  // What the broker's CONNACK allows (MQTT 5); MQTT 3.1.1 brokers allow everything.
  private int receiveMaximum = 65_535;
  private long maxPacketSize = Long.MAX_VALUE;
  private QoS maximumQos = QoS.EXACTLY_ONCE;
  private boolean retainAvailable = true;

  /** Restores the flows an earlier process left in the store. */
  OutboundPublishes(
      ClientSettings settings, PacketIds ids, InflightStore store, Callbacks callbacks)
      throws IOException {
    this.settings = settings;
    this.ids = ids;
    this.store = store;
    this.callbacks = callbacks;
    for (InflightStore.Stored s : store.load()) {
      int id = s.publish().packetId();
      ids.claim(id);
      inflight.put(
          id, new OutboundFlow(s.publish(), new CompletableFuture<>(), s.sequence(), s.stage()));
      sequence = Math.max(sequence, s.sequence() + 1);
    }
  }

  /** Takes the broker's limits from its CONNACK [MQTT-3.2.2]. */
  void limits(MqttProperties connAck) {
    receiveMaximum = (int) connAck.integer(PropertyId.RECEIVE_MAXIMUM).orElse(65_535);
    maxPacketSize = connAck.integer(PropertyId.MAXIMUM_PACKET_SIZE).orElse(Long.MAX_VALUE);
    maximumQos = QoS.of((int) connAck.integer(PropertyId.MAXIMUM_QOS).orElse(2));
    retainAvailable = connAck.integer(PropertyId.RETAIN_AVAILABLE).orElse(1) == 1;
  }

  int inflightCount() {
    return inflight.size();
  }

  /**
   * Queues a publish and sends what it can. Not connected, the offline buffer takes it while it has
   * room; when full, the new publish fails and the waiting ones are kept.
   */
  void enqueue(Pending p, Channel connected) {
    if (connected == null && queued.size() >= settings.offlineBufferSize()) {
      callbacks.fail(
          p.future(),
          new MqttClientException(
              "not connected and the offline buffer is full ("
                  + settings.offlineBufferSize()
                  + " messages): the publish to "
                  + p.topic()
                  + " was not sent",
              (Throwable) null));
      return;
    }
    queued.add(p);
    drain(connected);
  }

  /** Sends what waits, in order, as far as the broker's Receive Maximum allows [MQTT-4.9.0-2]. */
  void drain(Channel connected) {
    if (connected == null) {
      return;
    }
    boolean wrote = false;
    while (!queued.isEmpty()) {
      Pending p = queued.peek();
      if (p.qos() != QoS.AT_MOST_ONCE
          && (inflight.size() >= receiveMaximum || ids.inUse() >= 65_535)) {
        break;
      }
      queued.poll();
      wrote |= send(p, connected);
    }
    if (wrote) {
      connected.flush();
    }
  }

  private boolean send(Pending p, Channel ch) {
    if (p.qos().value() > maximumQos.value()) {
      callbacks.fail(
          p.future(),
          new MqttClientException(
              "the broker's Maximum QoS is " + maximumQos.value() + " [MQTT-3.2.2-11]",
              ReasonCode.QOS_NOT_SUPPORTED,
              null));
      return false;
    }
    if (p.retain() && !retainAvailable) {
      callbacks.fail(
          p.future(),
          new MqttClientException(
              "the broker does not support retained messages [MQTT-3.2.2-14]",
              ReasonCode.RETAIN_NOT_SUPPORTED,
              null));
      return false;
    }
    int id = p.qos() == QoS.AT_MOST_ONCE ? 0 : ids.next();
    Publish publish =
        new Publish(p.topic(), p.payload(), p.qos(), p.retain(), false, id, p.properties());
    try {
      long size = MqttEncoder.encodedSize(publish, settings.version());
      if (size > maxPacketSize) {
        throw new IllegalArgumentException(
            "the PUBLISH of "
                + size
                + " bytes exceeds the broker's Maximum Packet Size of "
                + maxPacketSize
                + " [MQTT-3.1.2-24]");
      }
      if (id != 0) {
        store.published(publish, sequence); // durable before the broker can see it
      }
    } catch (IllegalArgumentException | IOException e) {
      if (id != 0) {
        ids.release(id);
      }
      callbacks.fail(p.future(), new MqttClientException(e.getMessage(), e));
      return false;
    }
    if (id == 0) {
      ch.write(publish)
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  callbacks.complete(
                      p.future(),
                      new PublishResult(
                          QoS.AT_MOST_ONCE, ReasonCode.SUCCESS, MqttProperties.EMPTY));
                } else {
                  callbacks.fail(
                      p.future(),
                      new MqttClientException("the PUBLISH was not written", f.cause()));
                }
              });
    } else {
      inflight.put(
          id, new OutboundFlow(publish, p.future(), sequence++, OutboundFlow.Stage.PUBLISHED));
      ch.write(publish);
    }
    return true;
  }

  /**
   * Resends, in their original order and with their packet ids, every unacknowledged PUBLISH with
   * DUP set and every PUBREL [MQTT-4.4.0-1][MQTT-3.3.1-1].
   */
  void resend(Channel ch) {
    List<OutboundFlow> flows = new ArrayList<>(inflight.values());
    flows.sort(Comparator.comparingLong(f -> f.sequence));
    for (OutboundFlow flow : flows) {
      if (flow.stage == OutboundFlow.Stage.RELEASED) {
        ch.write(new PubRel(flow.packetId()));
      } else {
        Publish p = flow.publish;
        ch.write(
            new Publish(
                p.topic(), p.payload(), p.qos(), p.retain(), true, p.packetId(), p.properties()));
      }
    }
    ch.flush();
  }

  /**
   * The broker has no session for us [MQTT-3.2.2-5]. A message whose PUBREC arrived was accepted by
   * the broker and is complete; one still waiting for PUBACK or PUBREC is resent as it is, so no
   * message is lost (it may then arrive twice, the most a lost session allows).
   */
  void sessionLost() {
    for (OutboundFlow flow : new ArrayList<>(inflight.values())) {
      if (flow.stage == OutboundFlow.Stage.RELEASED) {
        finish(flow);
        callbacks.complete(
            flow.future,
            new PublishResult(QoS.EXACTLY_ONCE, flow.receivedReason, flow.receivedProperties));
      }
    }
  }

  void pubAck(PubAck ack, Channel ch) {
    OutboundFlow flow = inflight.get(ack.packetId());
    if (flow == null || flow.publish.qos() != QoS.AT_LEAST_ONCE) {
      log.debug("PUBACK for unknown packet id {}", ack.packetId());
      return;
    }
    finish(flow);
    if (ack.reasonCode().isError()) {
      callbacks.fail(flow.future, refused(flow, ack.reasonCode(), ack.properties()));
    } else {
      callbacks.complete(
          flow.future, new PublishResult(QoS.AT_LEAST_ONCE, ack.reasonCode(), ack.properties()));
    }
    drain(ch);
  }

  void pubRec(PubRec rec, Channel ch) {
    OutboundFlow flow = inflight.get(rec.packetId());
    if (flow == null || flow.publish.qos() != QoS.EXACTLY_ONCE) {
      // Answer anyway, so that the broker can end its side of the flow.
      ch.writeAndFlush(
          settings.version().isMqtt5()
              ? new PubRel(
                  rec.packetId(), ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, MqttProperties.EMPTY)
              : new PubRel(rec.packetId()));
      return;
    }
    if (rec.reasonCode().isError()) {
      // A PUBREC with a failure ends the flow; no PUBREL follows (MQTT 5.0 section 4.3.3).
      finish(flow);
      callbacks.fail(flow.future, refused(flow, rec.reasonCode(), rec.properties()));
      drain(ch);
      return;
    }
    if (flow.stage == OutboundFlow.Stage.PUBLISHED) {
      flow.stage = OutboundFlow.Stage.RELEASED;
      flow.receivedReason = rec.reasonCode();
      flow.receivedProperties = rec.properties();
      try {
        store.released(rec.packetId());
      } catch (IOException e) {
        log.warn(
            "cannot record PUBREC {} in the in-flight store: {}", rec.packetId(), e.toString());
      }
    }
    ch.writeAndFlush(new PubRel(rec.packetId()));
  }

  void pubComp(PubComp comp, Channel ch) {
    OutboundFlow flow = inflight.get(comp.packetId());
    if (flow == null || flow.stage != OutboundFlow.Stage.RELEASED) {
      log.debug("PUBCOMP for unknown packet id {}", comp.packetId());
      return;
    }
    finish(flow);
    if (comp.reasonCode().isError()) {
      callbacks.fail(flow.future, refused(flow, comp.reasonCode(), comp.properties()));
    } else {
      callbacks.complete(
          flow.future,
          new PublishResult(QoS.EXACTLY_ONCE, flow.receivedReason, flow.receivedProperties));
    }
    drain(ch);
  }

  private void finish(OutboundFlow flow) {
    inflight.remove(flow.packetId());
    ids.release(flow.packetId());
    try {
      store.completed(flow.packetId());
    } catch (IOException e) {
      log.warn("cannot remove {} from the in-flight store: {}", flow.packetId(), e.toString());
    }
  }

  private static MqttClientException refused(
      OutboundFlow flow, ReasonCode code, MqttProperties properties) {
    return new MqttClientException(
        "the broker refused the publish to " + flow.publish.topic(),
        code,
        properties.string(PropertyId.REASON_STRING).orElse(null));
  }

  /** Fails what waits for a packet id: nothing will send it. */
  void failQueued(MqttClientException why) {
    while (!queued.isEmpty()) {
      callbacks.fail(queued.poll().future(), why);
    }
  }

  /** Fails every future; the flows stay in the store for the next process. */
  void failAll(MqttClientException why) {
    failQueued(why);
    for (OutboundFlow flow : inflight.values()) {
      callbacks.fail(flow.future, why);
    }
  }
}
