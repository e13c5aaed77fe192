package io.petrel.broker.session;

import io.netty.util.concurrent.EventExecutor;
import io.petrel.broker.observe.BrokerCounters;
import io.petrel.broker.observe.PacketTrace;
import io.petrel.broker.routing.Message;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.routing.PublisherFlow;
import io.petrel.broker.store.MessageStore;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.PubRel;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import io.petrel.codec.TopicFilter;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's outbound side: the messages waiting for the client, the QoS 1 and 2 flows in flight,
 * and the connection they are written to, flushed once per burst. Confined to the session's thread
 * like the rest of the session; only {@link #isOnline()} may be read from elsewhere.
 */
final class Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final String clientId;
  private final MessageStore messages;
  private final EventExecutor executor;
  private final SessionSettings settings;
  private final BrokerCounters counters;
  private final OutboundQueue queue;
  private final InflightWindow inflight;
  private DropReporter drops;
  // Only for an unlimited queue (max_queued_messages 0): back-pressure instead of drops.
  private final Backlog backlog;
  // Volatile for isOnline(), which shared groups read from other threads to pick a member.
  private volatile SessionConnection connection;
  private boolean flushScheduled;

  Outbox(
      String clientId,
      EventExecutor executor,
      SessionSettings settings,
      BrokerCounters counters,
      MessageStore messages) {
    this.clientId = clientId;
    this.messages = messages;
    this.executor = executor;
    this.settings = settings;
    this.counters = counters;
    this.queue = new OutboundQueue(settings.maxQueuedPerSubscription());
    this.inflight = new InflightWindow(settings.maxInflight());
    this.backlog =
        settings.maxQueuedPerSubscription() == Integer.MAX_VALUE ? new Backlog(clientId) : null;
  }

  SessionConnection connection() {
    return connection;
  }

  boolean isOnline() {
    return connection != null;
  }

  /** A new connection: its Receive Maximum applies to what is sent from now on. */
  void attach(SessionConnection newConnection) {
    connection = newConnection;
    inflight.limitTo(newConnection.receiveMaximum());
  }

  void detach() {
    connection = null;
    releasePublishers();
  }

  /**
   * Re-sends what the previous connection left unacknowledged, with DUP set on PUBLISH
   * [MQTT-4.4.0-1][MQTT-3.3.1-1], then drains queued messages. Call right after CONNACK is written.
   */
  void resume() {
    for (InflightMessage m : inflight.inOrder()) {
      if (m.state == InflightMessage.State.AWAITING_PUBCOMP) {
        write(new PubRel(m.packetId));
      } else {
        write(toPublish(m.message, m.qos, m.retainFlag, true, m.packetId, m.subscriptionIds));
      }
    }
    drain();
  }

  void enqueue(TopicFilter via, Message message, QoS qos, boolean retainFlag, List<Integer> ids) {
    QueuedMessage dropped = queue.add(via, message, qos, retainFlag, ids);
    if (dropped != null) {
      forget(dropped.message());
      if (drops == null) {
        drops = new DropReporter(clientId, settings.maxQueuedPerSubscription(), counters);
      }
      drops.dropped(via);
    }
  }

  private boolean canSendNow(QoS qos) {
    return connection != null
        && connection.isWritable()
        && (qos == QoS.AT_MOST_ONCE || inflight.hasRoom());
  }

  /** Sends queued messages while the socket and the in-flight window allow. */
  void drain() {
    if (executor.inEventLoop()) {
      drainNow();
    } else {
      executor.execute(this::drainNow);
    }
  }

  // Called on every acknowledgement: runs in place, without a task.
  private void drainNow() {
    QueuedMessage next;
    while ((next = queue.peek()) != null && canSendNow(next.qos())) {
      queue.poll();
      if (next.message().expired()) {
        counters.messageDropped(); // expired while it waited [MQTT-3.3.2-5]
        forget(next.message());
        continue;
      }
      send(next.message(), next.qos(), next.retainFlag(), next.via(), next.subscriptionIds());
    }
    trackBacklog();
  }

  private void send(
      Message message, QoS qos, boolean retainFlag, TopicFilter via, List<Integer> ids) {
    if (!fitsClient(message, qos, retainFlag, ids)) {
      // Discarded for this client only, as if sent [MQTT-3.1.2-25].
      counters.messageDropped();
      forget(message);
      LOG.debug("Client {}: message on {} exceeds its maximum packet size", clientId, message);
      return;
    }
    counters.publishSent();
    if (qos == QoS.AT_MOST_ONCE
        && message.sharedByMany()
        && OutboundPublishes.canShareQos0(message, connection.version(), ids)) {
      sendQos0(message, retainFlag);
      return;
    }
    int packetId = 0;
    if (qos != QoS.AT_MOST_ONCE) {
      packetId = inflight.nextPacketId();
      inflight.add(new InflightMessage(packetId, message, qos, retainFlag, via, ids));
      if (message.storedFor(clientId)) {
        // Committed before the flush that sends the PUBLISH: after a crash it is re-sent with the
        // same packet id, which a QoS 2 receiver recognises [MQTT-4.3.3-9].
        messages.sent(clientId, message.storeId(), packetId);
      }
    }
    write(toPublish(message, qos, retainFlag, false, packetId, ids));
  }

  private void sendQos0(Message message, boolean retainFlag) {
    SessionConnection c = connection;
    if (PacketTrace.enabled()) {
      PacketTrace.outbound(
          clientId, toPublish(message, QoS.AT_MOST_ONCE, retainFlag, false, 0, List.of()));
    }
    c.sendEncoded(OutboundPublishes.sharedQos0(message, c.version(), retainFlag));
    scheduleFlush();
  }

  /** Whether the PUBLISH is within the client's Maximum Packet Size [MQTT-3.1.2-24]. */
  private boolean fitsClient(Message message, QoS qos, boolean retainFlag, List<Integer> ids) {
    int max = connection.maximumPacketSize();
    if (max >= SessionConnection.NO_PACKET_SIZE_LIMIT) {
      return true; // the usual case: no limit, nothing to compute
    }
    int packetIdPlaceholder = qos == QoS.AT_MOST_ONCE ? 0 : 1; // two bytes whatever the id
    Publish p = toPublish(message, qos, retainFlag, false, packetIdPlaceholder, ids);
    return MqttEncoder.encodedSize(p, connection.version()) <= max;
  }

  private Publish toPublish(
      Message m, QoS qos, boolean retainFlag, boolean dup, int packetId, List<Integer> ids) {
    return OutboundPublishes.of(m, connection.version(), qos, retainFlag, dup, packetId, ids);
  }

  /** PUBACK from the client: the QoS 1 flow is complete [MQTT-4.3.2]. */
  void onPubAck(int packetId) {
    InflightMessage m = inflight.get(packetId);
    if (inflight.complete(packetId, InflightMessage.State.AWAITING_PUBACK)) {
      forget(m.message);
      drainNow();
    } else {
      LOG.debug("Client {}: PUBACK for unknown packet id {}", clientId, packetId);
    }
  }

  /** PUBREC from the client: answer PUBREL and forget the message [MQTT-4.3.3-1]. */
  void onPubRec(int packetId) {
    if (inflight.released(packetId)) {
      Message m = inflight.get(packetId).message;
      if (m.storedFor(clientId)) {
        // Committed before PUBREL is flushed: after a crash PUBREL, not PUBLISH, is re-sent.
        messages.released(clientId, m.storeId(), packetId);
      }
    } else {
      LOG.debug("Client {}: PUBREC for unknown packet id {}", clientId, packetId);
    }
    write(new PubRel(packetId));
  }

  /** PUBCOMP from the client: the QoS 2 flow is complete. */
  void onPubComp(int packetId) {
    InflightMessage m = inflight.get(packetId);
    if (inflight.complete(packetId, InflightMessage.State.AWAITING_PUBCOMP)) {
      forget(m.message);
      drainNow();
    } else {
      LOG.debug("Client {}: PUBCOMP for unknown packet id {}", clientId, packetId);
    }
  }

  /**
   * Sends the message at once if nothing waits before it and the window allows, else queues it
   * behind the others: messages keep their order [MQTT-4.6.0-6].
   */
  void sendOrQueue(
      Message message, QoS qos, TopicFilter via, boolean retainFlag, List<Integer> ids) {
    if (queue.isEmpty() && canSendNow(qos)) {
      send(message, qos, retainFlag, via, ids);
    } else {
      enqueue(via, message, qos, retainFlag, ids);
    }
    trackBacklog();
  }

  // Only while online: an offline session's queue holds nobody back.
  private void trackBacklog() {
    if (backlog != null && connection != null) {
      backlog.track(queue.size());
    }
  }

  /**
   * Whether the connected client is so far behind that publishers wait for it ({@link Backlog}).
   */
  boolean isBehind() {
    return backlog != null && backlog.isBehind();
  }

  void holdBack(PublisherFlow publisher) {
    if (backlog != null) {
      backlog.holdBack(publisher);
    }
  }

  /** A publisher on another thread hands this session a delivery (counted for back-pressure). */
  void handOffStarted() {
    if (backlog != null) {
      backlog.handOffStarted();
    }
  }

  /** The session's thread takes a delivery {@link #handOffStarted} announced. */
  void handOffEnded() {
    if (backlog != null) {
      backlog.handOffEnded();
    }
  }

  private void releasePublishers() {
    if (backlog != null) {
      backlog.releaseAll();
    }
  }

  /** Gives what shared groups gave this session back to them ({@link SharedHandBack}). */
  void handBack(PublishRouter router, boolean onlineOnly) {
    SharedHandBack.handBack(clientId, router, queue, inflight, onlineOnly, this::forget);
  }

  /**
   * Puts back what the store held for this session at start-up: queued messages in order, and the
   * deliveries in flight with their packet ids, re-sent with DUP (or PUBREL) on the next
   * connection.
   */
  void restore(List<MessageStore.Entry> entries, Function<String, TopicFilter> filters) {
    for (MessageStore.Entry e : entries) {
      TopicFilter via = filters.apply(e.via());
      if (e.state() == MessageStore.State.QUEUED) {
        enqueue(via, e.message(), e.qos(), e.retainFlag(), e.subscriptionIds());
        continue;
      }
      inflight.add(
          new InflightMessage(
              e.packetId(), e.message(), e.qos(), e.retainFlag(), via, e.subscriptionIds()));
      if (e.state() == MessageStore.State.RELEASED) {
        inflight.released(e.packetId());
      }
    }
  }

  /** Forgets everything: the session ends or starts clean. */
  void clear() {
    queue.clear();
    inflight.clear();
    releasePublishers();
  }

  /** Writes to the current connection, if any, and flushes once per burst. */
  void write(MqttPacket packet) {
    SessionConnection c = connection;
    if (c != null) {
      c.send(packet);
    }
    // Even without a connection: the flush is also where the store commits (see flushNow).
    scheduleFlush();
  }

  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      // Runs after the tasks already queued on this thread: one flush for a burst of writes.
      executor.execute(this::flushNow);
    }
  }

  private void flushNow() {
    flushScheduled = false;
    // What the flushed packets promise (a PUBACK, a QoS 2 PUBLISH or PUBREL) is made durable
    // first: one commit for every change this thread made in the burst. Also when the connection
    // has just gone: messages routed in the burst wait for this commit to reach their sessions.
    messages.commit();
    SessionConnection c = connection;
    if (c != null) {
      c.flush();
    }
  }

  /** The delivery of a stored message to this session is over: its store entry goes. */
  private void forget(Message message) {
    if (message.storedFor(clientId)) {
      messages.remove(clientId, message.storeId());
    }
  }
}
