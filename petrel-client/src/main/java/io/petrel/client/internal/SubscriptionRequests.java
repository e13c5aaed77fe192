package io.petrel.client.internal;

import io.netty.channel.Channel;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.petrel.client.MqttClientException;
import io.petrel.client.SubscribeResult;
import io.petrel.client.UnsubscribeResult;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import io.petrel.codec.SubAck;
import io.petrel.codec.Subscribe;
import io.petrel.codec.Subscription;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.UnsubAck;
import io.petrel.codec.Unsubscribe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * SUBSCRIBE and UNSUBSCRIBE ("Listen", "Unsubscribe"): the subscriptions the application wants,
 * which of them the broker has acknowledged, and the requests in flight. What was asked while not
 * connected is sent on connect; after a connection whose broker lost the session, everything is
 * subscribed again. Used on the event loop only.
 */
final class SubscriptionRequests {
  private static final InternalLogger log =
      InternalLoggerFactory.getInstance(SubscriptionRequests.class);

  private record PendingUnsubscribe(String filter, CompletableFuture<UnsubscribeResult> future) {}

  private final ClientSettings settings;
  private final PacketIds ids;
  private final Callbacks callbacks;
  private final Subscriptions subscriptions = new Subscriptions();
  private final Map<Integer, Subscriptions.Entry> subscribing = new HashMap<>();
  private final Map<Integer, PendingUnsubscribe> unsubscribing = new HashMap<>();
  private final ArrayDeque<PendingUnsubscribe> unsubscribesToSend = new ArrayDeque<>();
  private boolean subscriptionIdsAvailable = true;

  SubscriptionRequests(ClientSettings settings, PacketIds ids, Callbacks callbacks) {
    this.settings = settings;
    this.ids = ids;
    this.callbacks = callbacks;
  }

  /** The handlers a received message goes to. */
  List<Receiver> route(Publish publish) {
    return subscriptions.route(publish);
  }

  /**
   * Adds a subscription, its handler in place before the SUBSCRIBE goes out so retained messages
   * are not missed; sent now if connected, else on connect.
   */
  void subscribe(
      String filter,
      SubscriptionOptions options,
      Receiver handler,
      CompletableFuture<SubscribeResult> f,
      Channel connected) {
    int subscriptionId = settings.version().isMqtt5() ? subscriptions.nextId() : 0;
    Subscriptions.Entry entry =
        new Subscriptions.Entry(filter, options, handler, subscriptionId, f);
    subscriptions.add(entry);
    if (connected != null) {
      sendSubscribe(entry, connected);
    }
  }

  /** Removes the handler at once; the UNSUBSCRIBE goes now if connected, else on connect. */
  void unsubscribe(String filter, CompletableFuture<UnsubscribeResult> f, Channel connected) {
    subscriptions.remove(filter);
    PendingUnsubscribe u = new PendingUnsubscribe(filter, f);
    if (connected != null) {
      sendUnsubscribe(u, connected);
    } else {
      unsubscribesToSend.add(u);
    }
  }

  /** A CONNACK accepted the connection: bring the broker's subscriptions up to date. */
  void connected(Channel ch, boolean sessionPresent, MqttProperties connAck) {
    subscriptionIdsAvailable =
        settings.version().isMqtt5()
            && connAck.integer(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE).orElse(1) == 1;
    if (!sessionPresent) {
      for (Subscriptions.Entry e : subscriptions.all()) {
        e.acknowledged = false;
      }
      // Nothing to unsubscribe from in a new session.
      ReasonCode gone =
          settings.version().isMqtt5() ? ReasonCode.NO_SUBSCRIPTION_EXISTED : ReasonCode.SUCCESS;
      while (!unsubscribesToSend.isEmpty()) {
        callbacks.complete(
            unsubscribesToSend.poll().future(), new UnsubscribeResult(gone, MqttProperties.EMPTY));
      }
    }
    for (Subscriptions.Entry e : subscriptions.all()) {
      if (!e.acknowledged && !e.subscribing) {
        sendSubscribe(e, ch);
      }
    }
    while (!unsubscribesToSend.isEmpty()) {
      sendUnsubscribe(unsubscribesToSend.poll(), ch);
    }
  }

  /** The connection is gone: requests in flight are asked again on the next one. */
  void connectionLost() {
    for (Map.Entry<Integer, Subscriptions.Entry> e : subscribing.entrySet()) {
      ids.release(e.getKey());
      e.getValue().subscribing = false;
    }
    subscribing.clear();
    List<Integer> unsubIds = new ArrayList<>(unsubscribing.keySet());
    unsubIds.sort(null);
    for (int id : unsubIds) {
      ids.release(id);
      unsubscribesToSend.add(unsubscribing.get(id));
    }
    unsubscribing.clear();
  }

  private void sendSubscribe(Subscriptions.Entry entry, Channel ch) {
    int id = ids.next();
    subscribing.put(id, entry);
    entry.subscribing = true;
    MqttProperties props =
        entry.subscriptionId > 0 && subscriptionIdsAvailable
            ? MqttProperties.builder()
                .integer(PropertyId.SUBSCRIPTION_IDENTIFIER, entry.subscriptionId)
                .build()
            : MqttProperties.EMPTY;
    ch.writeAndFlush(
        new Subscribe(id, List.of(new Subscription(entry.filter, entry.options)), props));
  }

  private void sendUnsubscribe(PendingUnsubscribe u, Channel ch) {
    int id = ids.next();
    unsubscribing.put(id, u);
    ch.writeAndFlush(new Unsubscribe(id, List.of(u.filter()), MqttProperties.EMPTY));
  }

  void subAck(SubAck ack) {
    Subscriptions.Entry entry = subscribing.remove(ack.packetId());
    if (entry == null) {
      log.debug("SUBACK for unknown packet id {}", ack.packetId());
      return;
    }
    ids.release(ack.packetId());
    entry.subscribing = false;
    ReasonCode code =
        ack.reasonCodes().isEmpty() ? ReasonCode.UNSPECIFIED_ERROR : ack.reasonCodes().get(0);
    if (code.isError()) {
      subscriptions.removeIfCurrent(entry);
      MqttClientException e =
          new MqttClientException(
              "the broker refused the subscription to " + entry.filter,
              code,
              reasonString(ack.properties()));
      if (entry.future.isDone()) {
        log.warn("{}", e.getMessage()); // a resubscription: nobody waits for it
      }
      callbacks.fail(entry.future, e);
    } else {
      entry.acknowledged = true;
      callbacks.complete(
          entry.future, new SubscribeResult(QoS.of(code.value()), code, ack.properties()));
    }
  }

  void unsubAck(UnsubAck ack) {
    PendingUnsubscribe u = unsubscribing.remove(ack.packetId());
    if (u == null) {
      log.debug("UNSUBACK for unknown packet id {}", ack.packetId());
      return;
    }
    ids.release(ack.packetId());
    ReasonCode code = ack.reasonCodes().isEmpty() ? ReasonCode.SUCCESS : ack.reasonCodes().get(0);
    if (code.isError()) {
      callbacks.fail(
          u.future(),
          new MqttClientException(
              "the broker refused to unsubscribe from " + u.filter(),
              code,
              reasonString(ack.properties())));
    } else {
      callbacks.complete(u.future(), new UnsubscribeResult(code, ack.properties()));
    }
  }

  /** Fails every future still waiting. */
  void failAll(MqttClientException why) {
    for (Subscriptions.Entry e : subscriptions.all()) {
      callbacks.fail(e.future, why);
    }
    for (PendingUnsubscribe u : unsubscribesToSend) {
      callbacks.fail(u.future(), why);
    }
    for (PendingUnsubscribe u : unsubscribing.values()) {
      callbacks.fail(u.future(), why);
    }
  }

  private static String reasonString(MqttProperties properties) {
    return properties.string(PropertyId.REASON_STRING).orElse(null);
  }
}
