package io.petrel.broker.session;

import io.netty.util.concurrent.EventExecutor;
import io.petrel.broker.observe.BrokerCounters;
import io.petrel.broker.observe.PacketTrace;
import io.petrel.broker.routing.Message;
import io.petrel.broker.routing.MessageSink;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.store.SessionStore;
import io.petrel.broker.store.StoredSession;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.PubRel;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state the broker keeps for one client id: subscriptions, the messages waiting for it, the
 * outbound QoS 1/2 flows in progress and the inbound QoS 2 packet ids. All of it is changed on one
 * thread, {@link #executor()}, chosen when the session is created, so none of it needs locks; every
 * entry point hops onto that thread with {@link #execute}.
 */
public final class Session implements MessageSink {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final String clientId;
  private final EventExecutor executor;
  private final SessionSettings settings;
  private final PublishRouter router;
  private final SessionRegistry registry;
  private final BrokerCounters counters;
  private final SessionStore store;

  private final Map<TopicFilter, SubscriptionOptions> subscriptions = new LinkedHashMap<>();
  private final OutboundQueue queue;
  private final InflightWindow inflight;
  private final InboundQos2 inboundQos2 = new InboundQos2();
  private DropReporter drops;

  private SessionConnection connection;
  private Optional<Message> will = Optional.empty();
  private boolean persistent;
  private boolean ended;
  private boolean flushScheduled;
  private boolean lastSessionPresent;

  Session(
      String clientId,
      EventExecutor executor,
      SessionSettings settings,
      PublishRouter router,
      SessionRegistry registry,
      BrokerCounters counters,
      SessionStore store) {
    this.clientId = clientId;
    this.executor = executor;
    this.settings = settings;
    this.router = router;
    this.registry = registry;
    this.counters = counters;
    this.store = store;
    this.queue = new OutboundQueue(settings.maxQueuedPerSubscription());
    this.inflight = new InflightWindow(settings.maxInflight());
  }

  @Override
  public String clientId() {
    return clientId;
  }

  public EventExecutor executor() {
    return executor;
  }

  /** Runs the task on the session's thread: at once if already there, else queued in order. */
  public void execute(Runnable task) {
    if (executor.inEventLoop()) {
      task.run();
    } else {
      executor.execute(task);
    }
  }

  // ---- connection lifecycle (session thread) ----

  /**
   * Attaches a new connection. An existing connection is taken over: closed, and its will published
   * since it did not disconnect normally [MQTT-3.1.4-2]. Clean start discards all earlier state
   * [MQTT-3.1.2-6].
   *
   * @return false if this session has ended and the caller must obtain a fresh one from the
   *     registry
   */
  boolean attach(SessionConnection newConnection, boolean cleanStart, Optional<Message> newWill) {
    assert executor.inEventLoop();
    if (ended) {
      return false;
    }
    if (connection != null) {
      SessionConnection old = connection;
      connection = null;
      publishWill();
      old.disconnect(ReasonCode.SESSION_TAKEN_OVER, "session taken over by a new connection");
    }
    boolean sessionPresent = !cleanStart && persistent;
    if (cleanStart) {
      discardState();
      if (persistent) {
        store.removeSession(clientId);
      }
    } else if (!persistent) {
      store.createSession(clientId);
    }
    this.persistent = !cleanStart;
    this.connection = newConnection;
    this.will = newWill;
    this.lastSessionPresent = sessionPresent;
    return true;
  }

  /** Whether the last {@link #attach} resumed earlier state: CONNACK's session present flag. */
  public boolean sessionPresent() {
    return lastSessionPresent;
  }

  /**
   * Re-sends what the previous connection left unacknowledged, with DUP set on PUBLISH
   * [MQTT-4.4.0-1][MQTT-3.3.1-1], then drains queued messages. Call right after CONNACK is written.
   */
  public void resume() {
    for (InflightMessage m : inflight.inOrder()) {
      if (m.state == InflightMessage.State.AWAITING_PUBCOMP) {
        write(new PubRel(m.packetId));
      } else {
        write(toPublish(m.message, m.qos, m.retainFlag, true, m.packetId));
      }
    }
    drain();
  }

  /**
   * The connection is gone. Publishes the will unless the client sent DISCONNECT; a clean session
   * ends with its connection [MQTT-3.1.2-6].
   */
  public void connectionClosed(SessionConnection closed, boolean normalDisconnect) {
    execute(
        () -> {
          if (connection != closed) {
            return; // already taken over
          }
          connection = null;
          if (normalDisconnect) {
            will = Optional.empty(); // [MQTT-3.14.4-3]
          } else {
            publishWill();
          }
          if (!persistent) {
            end();
          }
        });
  }

  private void publishWill() {
    Optional<Message> w = will;
    will = Optional.empty();
    w.ifPresent(router::publish);
  }

  private void end() {
    ended = true;
    discardState();
    registry.remove(clientId, this);
  }

  private void discardState() {
    for (TopicFilter f : subscriptions.keySet()) {
      router.unsubscribe(clientId, f);
    }
    subscriptions.clear();
    queue.clear();
    inflight.clear();
    inboundQos2.clear();
  }

  /**
   * Restores a stored persistent session at start-up, before any client can connect: it is offline,
   * and its subscriptions match again.
   */
  void restore(StoredSession stored) {
    execute(
        () -> {
          persistent = true;
          stored
              .subscriptions()
              .forEach(
                  (filter, options) -> {
                    TopicFilter f = TopicFilter.of(filter, router.syntax());
                    router.subscribe(this, f, options);
                    subscriptions.put(f, options);
                  });
        });
  }

  // ---- subscriptions (session thread) ----

  /**
   * Adds or replaces a subscription and sends the retained messages that match it [MQTT-3.3.1-6].
   * The caller writes the SUBACK first: retained messages follow it.
   */
  public boolean subscribe(TopicFilter filter, SubscriptionOptions options) {
    boolean isNew = router.subscribe(this, filter, options);
    subscriptions.put(filter, options);
    if (persistent) {
      store.addSubscription(clientId, filter.value(), options);
    }
    return isNew;
  }

  /** Sends the retained messages for a subscription just made, with the retain flag set. */
  public void sendRetained(TopicFilter filter, SubscriptionOptions options) {
    List<Message> retained = router.retainedFor(filter);
    for (Message m : retained) {
      offer(m, QoS.min(m.qos(), options.maxQos()), filter, true); // [MQTT-3.3.1-8]
    }
  }

  public boolean unsubscribe(TopicFilter filter) {
    if (subscriptions.remove(filter) != null && persistent) {
      store.removeSubscription(clientId, filter.value());
    }
    return router.unsubscribe(clientId, filter);
  }

  // ---- outbound flow (session thread) ----

  @Override
  public void deliver(Message message, QoS qos, TopicFilter via, boolean retainFlag) {
    if (executor.inEventLoop()) {
      offer(message, qos, via, retainFlag);
    } else {
      executor.execute(() -> offer(message, qos, via, retainFlag));
    }
  }

  private void offer(Message message, QoS qos, TopicFilter via, boolean retainFlag) {
    if (ended) {
      return;
    }
    if (connection == null) {
      if (!persistent || (qos == QoS.AT_MOST_ONCE && !settings.queueQos0WhileOffline())) {
        return; // QoS 0 to an offline client may be dropped (MQTT 3.1.1 section 4.3.1)
      }
      enqueue(via, message, qos, retainFlag);
      return;
    }
    if (queue.isEmpty() && canSendNow(qos)) {
      send(message, qos, retainFlag);
    } else {
      enqueue(via, message, qos, retainFlag);
    }
  }

  private void enqueue(TopicFilter via, Message message, QoS qos, boolean retainFlag) {
    if (queue.add(via, message, qos, retainFlag)) {
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
  public void drain() {
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
      send(next.message(), next.qos(), next.retainFlag());
    }
  }

  private void send(Message message, QoS qos, boolean retainFlag) {
    counters.publishSent();
    if (qos == QoS.AT_MOST_ONCE && message.sharedByMany()) {
      sendQos0(message, retainFlag);
      return;
    }
    int packetId = 0;
    if (qos != QoS.AT_MOST_ONCE) {
      packetId = inflight.nextPacketId();
      inflight.add(new InflightMessage(packetId, message, qos, retainFlag));
    }
    write(toPublish(message, qos, retainFlag, false, packetId));
  }

  private void sendQos0(Message message, boolean retainFlag) {
    SessionConnection c = connection;
    if (PacketTrace.enabled()) {
      PacketTrace.outbound(clientId, toPublish(message, QoS.AT_MOST_ONCE, retainFlag, false, 0));
    }
    c.sendEncoded(OutboundPublishes.sharedQos0(message, c.version(), retainFlag));
    scheduleFlush();
  }

  private Publish toPublish(Message m, QoS qos, boolean retainFlag, boolean dup, int packetId) {
    return OutboundPublishes.of(m, connection.version(), qos, retainFlag, dup, packetId);
  }

  /** PUBACK from the client: the QoS 1 flow is complete [MQTT-4.3.2]. */
  public void onPubAck(int packetId) {
    if (inflight.complete(packetId, InflightMessage.State.AWAITING_PUBACK)) {
      drainNow();
    } else {
      LOG.debug("Client {}: PUBACK for unknown packet id {}", clientId, packetId);
    }
  }

  /** PUBREC from the client: answer PUBREL and forget the message [MQTT-4.3.3-1]. */
  public void onPubRec(int packetId) {
    if (!inflight.released(packetId)) {
      LOG.debug("Client {}: PUBREC for unknown packet id {}", clientId, packetId);
    }
    write(new PubRel(packetId));
  }

  /** PUBCOMP from the client: the QoS 2 flow is complete. */
  public void onPubComp(int packetId) {
    if (inflight.complete(packetId, InflightMessage.State.AWAITING_PUBCOMP)) {
      drainNow();
    } else {
      LOG.debug("Client {}: PUBCOMP for unknown packet id {}", clientId, packetId);
    }
  }

  // ---- inbound QoS 2 (session thread) ----

  /**
   * Records an inbound QoS 2 packet id. Returns false if it is already recorded: a re-sent PUBLISH
   * whose message was already routed, which must not be delivered again [MQTT-4.3.3-2].
   */
  public boolean beginInboundQos2(int packetId) {
    return inboundQos2.begin(packetId);
  }

  /** PUBREL from the client: the packet id may be reused [MQTT-4.3.3-2]. */
  public void releaseInboundQos2(int packetId) {
    inboundQos2.release(packetId);
  }

  // ---- writing ----

  /** Writes to the current connection, if any, and flushes once per burst. */
  public void write(MqttPacket packet) {
    SessionConnection c = connection;
    if (c == null) {
      return;
    }
    c.send(packet);
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
    SessionConnection c = connection;
    if (c != null) {
      c.flush();
    }
  }
}
