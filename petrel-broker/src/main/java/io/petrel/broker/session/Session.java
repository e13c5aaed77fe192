package io.petrel.broker.session;

import io.netty.util.concurrent.EventExecutor;
import io.petrel.broker.observe.BrokerCounters;
import io.petrel.broker.routing.Message;
import io.petrel.broker.routing.MessageSink;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.routing.PublisherFlow;
import io.petrel.broker.store.MessageStore;
import io.petrel.broker.store.SessionStore;
import io.petrel.broker.store.StoredSession;
import io.petrel.broker.subscription.SharedFilter;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Future;
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
  private final MessageStore messages;

  private final SessionSubscriptions subscriptions;
  private final Outbox outbox;
  private final InboundQos2 inboundQos2 = new InboundQos2();

  private final SessionLifetime lifetime;
  // Whether a store entry exists: a persistent session that has not ended. Written on the
  // session's thread; volatile because the router reads it on the publishers' threads
  // (isPersistent) to store QoS 1/2 messages for persistent sessions before it hands them over.
  private volatile boolean stored;
  private StoredSession.StoredWill restoredWill;
  private boolean ended;
  private boolean lastSessionPresent;
  // Who the last connection was, read by publishers' threads for the ACL's delivery check.
  private volatile Optional<String> username = Optional.empty();

  Session(
      String clientId,
      EventExecutor executor,
      SessionSettings settings,
      PublishRouter router,
      SessionRegistry registry,
      BrokerCounters counters,
      SessionStore store,
      MessageStore messages) {
    this.clientId = clientId;
    this.executor = executor;
    this.settings = settings;
    this.router = router;
    this.registry = registry;
    this.counters = counters;
    this.store = store;
    this.messages = messages;
    this.subscriptions = new SessionSubscriptions(this, router, store);
    this.outbox = new Outbox(clientId, executor, settings, counters, messages);
    this.lifetime = new SessionLifetime(executor, this::publishWill, this::end);
  }

  /**
   * Publishes the will; its Message Expiry Interval counts from now. Commits at once: no
   * acknowledgement flush follows to do it, and stored deliveries wait for the commit.
   */
  private void publishWill(Message will) {
    router.publish(will.publishedNow());
    messages.commit();
    if (stored) {
      store.clearWill(clientId);
    }
  }

  @Override
  public String clientId() {
    return clientId;
  }

  @Override
  public Optional<String> username() {
    return username;
  }

  @Override
  public boolean isOnline() {
    return outbox.isOnline();
  }

  @Override
  public boolean isBehind() {
    return outbox.isBehind();
  }

  @Override
  public void holdBack(PublisherFlow publisher) {
    outbox.holdBack(publisher);
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
  boolean attach(SessionConnection newConnection, SessionTerms terms) {
    assert executor.inEventLoop();
    if (ended) {
      return false;
    }
    if (outbox.isOnline()) {
      SessionConnection old = outbox.connection();
      outbox.detach();
      lifetime.takenOver(terms.cleanStart());
      old.disconnect(ReasonCode.SESSION_TAKEN_OVER, "session taken over by a new connection");
    }
    // Session present only when earlier state is resumed [MQTT-3.2.2-2][MQTT-3.2.2-3].
    boolean sessionPresent = !terms.cleanStart() && lifetime.persistent();
    if (!sessionPresent) {
      // Clean start, or a session that was to end with its connection: start afresh. A will
      // still waiting from the old session goes out now, as the old session ends here.
      lifetime.sessionEnds();
      discardState();
      if (stored) {
        unstore();
      }
    }
    lifetime.attached(terms);
    username = newConnection.username();
    if (lifetime.persistent()) {
      store.createSession(clientId, lifetime.expirySeconds(), username); // also: connected again
      stored = true;
    } else if (stored) {
      unstore();
    }
    outbox.attach(newConnection);
    if (stored) {
      // Kept until published or dropped, so that a broker crash does not lose it.
      if (terms.will().isPresent()) {
        store.saveWill(clientId, terms.will().get(), terms.willDelaySeconds());
      } else {
        store.clearWill(clientId);
      }
    }
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
    outbox.resume();
  }

  /**
   * The connection is gone. Publishes the will unless the client sent DISCONNECT; a clean session
   * ends with its connection [MQTT-3.1.2-6].
   */
  public void connectionClosed(SessionConnection closed, boolean normalDisconnect) {
    execute(
        () -> {
          if (outbox.connection() != closed) {
            return; // already taken over
          }
          outbox.detach();
          outbox.handBack(router, true);
          if (normalDisconnect && stored) {
            store.clearWill(clientId); // [MQTT-3.14.4-3]
          }
          if (lifetime.connectionLost(!normalDisconnect)) {
            end();
          } else if (stored) {
            // The expiry may have changed in DISCONNECT, and counts from now across a restart.
            store.createSession(clientId, lifetime.expirySeconds(), username);
            store.sessionDisconnected(clientId, System.currentTimeMillis());
          }
        });
  }

  /**
   * The client's DISCONNECT set a new Session Expiry Interval (MQTT 5.0 section 3.14.2.2.2); it
   * applies when the connection closes, which follows.
   */
  public void expiryChanged(SessionConnection from, long seconds) {
    execute(
        () -> {
          if (outbox.connection() == from) {
            lifetime.expiryChanged(seconds);
          }
        });
  }

  /** Ends the session: expired, or its connection closed with expiry 0. Frees all its state. */
  private void end() {
    if (ended || outbox.isOnline()) {
      return;
    }
    ended = true;
    lifetime.sessionEnds();
    discardState();
    if (stored) {
      unstore();
    }
    registry.remove(clientId, this);
  }

  private void unstore() {
    store.removeSession(clientId);
    messages.removeAll(clientId);
    stored = false;
  }

  @Override
  public boolean isPersistent() {
    return stored;
  }

  /** The session's expiry interval; for tests and the admin view. */
  public long expirySeconds() {
    return lifetime.expirySeconds();
  }

  private void discardState() {
    subscriptions.clear();
    // Out of its groups now, the session gives what they gave it to their other members.
    outbox.handBack(router, false);
    outbox.clear();
    inboundQos2.clear();
  }

  /**
   * Restores a stored persistent session at start-up, before any client can connect: it is offline,
   * and its subscriptions match again.
   */
  Future<?> restore(
      StoredSession stored,
      long nowMillis,
      List<MessageStore.Entry> entries,
      Set<Integer> inboundQos2Ids) {
    restoredWill = stored.will().orElse(null);
    return executor.submit(
        () -> {
          // Offline since it disconnected, or since the restart if it was connected then.
          long since =
              stored.disconnectedAtMillis() == 0 ? nowMillis : stored.disconnectedAtMillis();
          lifetime.restoredOffline(stored.expirySeconds(), Math.max(0, nowMillis - since));
          // Offline messages are checked against what its user may read (ACL).
          username = stored.username();
          this.stored = true;
          subscriptions.restore(stored.subscriptions());
          // One filter object per subscription, not one per queued message.
          Map<String, TopicFilter> filters = new HashMap<>();
          outbox.restore(
              entries,
              via -> filters.computeIfAbsent(via, v -> TopicFilter.of(v, router.syntax())));
          inboundQos2Ids.forEach(inboundQos2::begin);
        });
  }

  /**
   * Lets a will restored with the session go, once every session is back so that its subscribers
   * get it. The connection it belonged to ended with the broker.
   */
  void releaseRestoredWill() {
    StoredSession.StoredWill w = restoredWill;
    restoredWill = null;
    if (w != null) {
      execute(() -> lifetime.restoredWill(w.message(), w.delaySeconds()));
    }
  }

  // ---- subscriptions (session thread) ----

  /**
   * Adds or replaces a subscription and sends the retained messages that match it [MQTT-3.3.1-6].
   * The caller writes the SUBACK first: retained messages follow it.
   */
  public boolean subscribe(
      TopicFilter filter, SubscriptionOptions options, OptionalInt subscriptionId) {
    return subscriptions.add(filter, options, subscriptionId, stored);
  }

  /**
   * Sends the retained messages for a subscription just made, with the retain flag set and the
   * subscription's identifier.
   */
  public void sendRetained(
      TopicFilter filter, SubscriptionOptions options, OptionalInt subscriptionId) {
    List<Message> retained = router.retainedFor(filter, this);
    List<Integer> ids = subscriptionId.isPresent() ? List.of(subscriptionId.getAsInt()) : List.of();
    for (Message m : retained) {
      offer(m, QoS.min(m.qos(), options.maxQos()), filter, true, ids); // [MQTT-3.3.1-8]
    }
  }

  public boolean unsubscribe(TopicFilter filter) {
    return subscriptions.remove(filter, stored);
  }

  // ---- outbound flow (session thread) ----

  @Override
  public void deliver(
      Message message, QoS qos, TopicFilter via, boolean retainFlag, List<Integer> ids) {
    if (executor.inEventLoop()) {
      offer(message, qos, via, retainFlag, ids);
    } else {
      outbox.handOffStarted();
      executor.execute(
          () -> {
            outbox.handOffEnded();
            offer(message, qos, via, retainFlag, ids);
          });
    }
  }

  private void offer(
      Message message, QoS qos, TopicFilter via, boolean retainFlag, List<Integer> ids) {
    if ((ended || !outbox.isOnline())
        && SharedFilter.isShared(via)
        && router.redispatch(message, via, clientId, !ended && lifetime.persistent())) {
      // A shared group chose this member as it went: an online member gets the message instead,
      // or, when this session is gone, any other member (MQTT 5.0 section 4.8.2).
      return;
    }
    if (ended) {
      return;
    }
    if (!outbox.isOnline()) {
      if (!lifetime.persistent()
          || (qos == QoS.AT_MOST_ONCE && !settings.queueQos0WhileOffline())) {
        return; // QoS 0 to an offline client may be dropped (MQTT 3.1.1 section 4.3.1)
      }
      outbox.enqueue(via, message, qos, retainFlag, ids);
      return;
    }
    outbox.sendOrQueue(message, qos, via, retainFlag, ids);
  }

  /** Sends queued messages while the socket and the in-flight window allow. */
  public void drain() {
    outbox.drain();
  }

  /** PUBACK from the client: the QoS 1 flow is complete [MQTT-4.3.2]. */
  public void onPubAck(int packetId) {
    outbox.onPubAck(packetId);
  }

  /** PUBREC from the client: answer PUBREL and forget the message [MQTT-4.3.3-1]. */
  public void onPubRec(int packetId) {
    outbox.onPubRec(packetId);
  }

  /** PUBCOMP from the client: the QoS 2 flow is complete. */
  public void onPubComp(int packetId) {
    outbox.onPubComp(packetId);
  }

  /** Writes to the current connection, if any, and flushes once per burst. */
  public void write(MqttPacket packet) {
    outbox.write(packet);
  }

  // ---- inbound QoS 2 (session thread) ----

  /**
   * Records an inbound QoS 2 packet id. Returns false if it is already recorded: a re-sent PUBLISH
   * whose message was already routed, which must not be delivered again [MQTT-4.3.3-2].
   */
  public boolean beginInboundQos2(int packetId) {
    boolean first = inboundQos2.begin(packetId);
    if (first && stored) {
      messages.inboundQos2(clientId, packetId); // committed before PUBREC is flushed
    }
    return first;
  }

  /**
   * Whether a QoS 2 PUBLISH with this packet id would exceed the Receive Maximum: it is not a
   * re-send of one that awaits PUBREL, and that many already do [MQTT-3.3.4-9]. (QoS 1 messages are
   * acknowledged as they are routed, so they never wait.)
   */
  public boolean exceedsInboundQos2(int packetId, int receiveMaximum) {
    return !inboundQos2.contains(packetId) && inboundQos2.size() >= receiveMaximum;
  }

  /** PUBREL from the client: the packet id may be reused [MQTT-4.3.3-2]. */
  public void releaseInboundQos2(int packetId) {
    inboundQos2.release(packetId);
    if (stored) {
      messages.inboundQos2Released(clientId, packetId);
    }
  }
}
