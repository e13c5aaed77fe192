package io.petrel.client;

import io.petrel.client.internal.ClientSession;
import io.petrel.client.internal.ClientSettings;
import io.petrel.client.internal.Receiver;
import io.petrel.client.internal.Topics;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PacketType;
import io.petrel.codec.PropertyId;
import io.petrel.codec.QoS;
import io.petrel.codec.RetainHandling;
import io.petrel.codec.SubscriptionOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An MQTT client whose operations return {@link CompletableFuture}s. Thread-safe: any thread may
 * call any method. Futures complete, and message handlers run, on the client's callback thread.
 *
 * <p>Arguments are checked on the calling thread before anything is sent: a bad topic, filter or
 * property throws {@link IllegalArgumentException} from the call itself. What the broker refuses,
 * or a lost connection, completes the future exceptionally with an {@link MqttClientException}.
 *
 * <p>The session state (unacknowledged messages, subscriptions) outlives connections: after a lost
 * connection the client reconnects by its {@link ReconnectPolicy}, resends what was not
 * acknowledged and subscribes again if the broker lost the session. Publishes made while not
 * connected wait in the offline buffer.
 */
public final class AsyncClient implements AutoCloseable {
  private final ClientSession session;

  AsyncClient(ClientSettings settings) {
    this.session = new ClientSession(settings);
  }

  /**
   * Connects, with the settings the client was built with. Completes on a successful CONNACK; fails
   * with the broker's reason if it refuses, or with the network error. This first connect is not
   * retried; once connected, lost connections are. Called while connected, it returns the current
   * connection's result; while reconnecting, it completes with the next connection.
   *
   * @return the broker's CONNACK
   */
  public CompletableFuture<ConnectResult> connect() {
    return session.connect();
  }

  /**
   * Publishes a message ("Send") without properties.
   *
   * @see #publish(String, byte[], QoS, boolean, MqttProperties)
   * @param topic a topic name without wildcards
   * @param payload the payload, copied
   * @param qos the quality of service
   * @param retain whether the broker keeps it as the topic's retained message
   * @return completes when the broker has acknowledged at that QoS
   */
  public CompletableFuture<PublishResult> publish(
      String topic, byte[] payload, QoS qos, boolean retain) {
    return publish(topic, payload, qos, retain, MqttProperties.EMPTY);
  }

  /**
   * Publishes a message ("Send"). The future completes when the message is written (QoS 0),
   * acknowledged by PUBACK (QoS 1) or completed by PUBCOMP (QoS 2), and fails with the reason code
   * when the broker refuses it (MQTT 5), when the offline buffer is full, or when the client is
   * closed first.
   *
   * @param topic a topic name: no wildcards [MQTT-3.3.2-2], not empty [MQTT-4.7.3-1], at most 65535
   *     bytes of UTF-8 [MQTT-1.5.4-1]
   * @param payload the payload, copied
   * @param qos the quality of service
   * @param retain whether the broker keeps it as the topic's retained message
   * @param properties MQTT 5 PUBLISH properties (content type, user properties, message expiry...);
   *     must be empty for MQTT 3.1.1
   * @throws IllegalArgumentException for a bad topic or properties, naming the rule
   * @return completes when the broker has acknowledged at that QoS
   */
  public CompletableFuture<PublishResult> publish(
      String topic, byte[] payload, QoS qos, boolean retain, MqttProperties properties) {
    Topics.checkTopicName(topic);
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(qos, "qos");
    checkPublishProperties(properties);
    return session.publish(topic, Bytes.copyOf(payload), qos, retain, properties);
  }

  /**
   * Subscribes ("Listen") with only a maximum QoS.
   *
   * @see #subscribe(String, SubscriptionOptions, MessageHandler)
   * @param filter a topic filter, wildcards allowed
   * @param qos the maximum QoS to receive at
   * @param handler receives the messages
   * @return completes with the SUBACK
   */
  public CompletableFuture<SubscribeResult> subscribe(
      String filter, QoS qos, MessageHandler handler) {
    return subscribe(filter, SubscriptionOptions.of(qos), handler);
  }

  /**
   * Subscribes ("Listen"): messages on topics the filter matches go to the handler. The handler is
   * in place before the SUBSCRIBE is sent, so retained messages are not missed. Subscribing to a
   * filter again replaces its handler and options. Several subscriptions may match one message:
   * each of their handlers is called once. Made while not connected, the subscription is sent on
   * connect and the future completes then.
   *
   * @param filter a topic filter, {@code +} and {@code #} allowed, or {@code $share/group/filter}
   * @param options maximum QoS, and for MQTT 5 no-local, retain-as-published and retain handling
   * @param handler receives the messages
   * @throws IllegalArgumentException for a bad filter or MQTT 5 options on MQTT 3.1.1
   * @return completes with the SUBACK; fails with its reason code if the broker refused
   */
  public CompletableFuture<SubscribeResult> subscribe(
      String filter, SubscriptionOptions options, MessageHandler handler) {
    Objects.requireNonNull(handler, "handler");
    return subscribe(
        filter, options, (Receiver) p -> handler.onMessage(p.topic(), p.payload(), p.properties()));
  }

  /**
   * Subscribes ("Listen") with only a maximum QoS; the listener also sees each message's QoS and
   * retain flag.
   *
   * @param filter a topic filter, wildcards allowed
   * @param qos the maximum QoS to receive at
   * @param listener receives the messages
   * @return completes with the SUBACK
   * @see #subscribe(String, SubscriptionOptions, MessageHandler)
   */
  public CompletableFuture<SubscribeResult> subscribe(
      String filter, QoS qos, MessageListener listener) {
    return subscribe(filter, SubscriptionOptions.of(qos), listener);
  }

  /**
   * Subscribes ("Listen") as {@link #subscribe(String, SubscriptionOptions, MessageHandler)} does;
   * the listener also sees each message's QoS and retain flag.
   *
   * @param filter a topic filter, wildcards allowed
   * @param options maximum QoS and MQTT 5 options
   * @param listener receives the messages
   * @return completes with the SUBACK; fails with its reason code if the broker refused
   */
  public CompletableFuture<SubscribeResult> subscribe(
      String filter, SubscriptionOptions options, MessageListener listener) {
    Objects.requireNonNull(listener, "listener");
    return subscribe(
        filter,
        options,
        (Receiver)
            p ->
                listener.onMessage(
                    new Message(p.topic(), p.payload(), p.qos(), p.retain(), p.properties())));
  }

  private CompletableFuture<SubscribeResult> subscribe(
      String filter, SubscriptionOptions options, Receiver receiver) {
    Topics.checkTopicFilter(filter);
    Objects.requireNonNull(options, "options");
    boolean mqtt5Options =
        options.noLocal()
            || options.retainAsPublished()
            || options.retainHandling() != RetainHandling.SEND_ON_SUBSCRIBE;
    if (mqtt5Options && !session.settings().version().isMqtt5()) {
      throw new IllegalArgumentException(
          "no-local, retain-as-published and retain handling need MQTT 5");
    }
    if (options.noLocal() && filter.startsWith("$share/")) {
      throw new IllegalArgumentException(
          "no-local is not allowed on a shared subscription [MQTT-3.8.3-4]");
    }
    return session.subscribe(filter, options, receiver);
  }

  /**
   * Unsubscribes: the filter's handler is removed at once, and the future completes on UNSUBACK.
   *
   * @param filter the filter exactly as subscribed
   * @throws IllegalArgumentException for a bad filter
   * @return completes with the UNSUBACK
   */
  public CompletableFuture<UnsubscribeResult> unsubscribe(String filter) {
    Topics.checkTopicFilter(filter);
    return session.unsubscribe(filter);
  }

  /**
   * Sends DISCONNECT and closes the connection; no reconnect follows. The session state stays: a
   * later {@link #connect()} resumes it, resending unacknowledged messages.
   *
   * @return completes when the connection is closed
   */
  public CompletableFuture<Void> disconnect() {
    return session.disconnect();
  }

  /**
   * Whether the client is connected now.
   *
   * @return true between an accepted CONNACK and the end of that connection
   */
  public boolean isConnected() {
    return session.isConnected();
  }

  /**
   * Disconnects, fails every pending future and releases the client's threads; completes when they
   * are gone. Messages in the in-flight store stay there for the next client.
   *
   * @return completes when the client's threads have ended
   */
  public CompletableFuture<Void> closeAsync() {
    return session.close();
  }

  /** Closes and waits until the client's threads are gone. */
  @Override
  public void close() {
    if (session.onCallbackThread()) {
      session.close(); // cannot wait on the thread that finishes the close
      return;
    }
    session.close().join();
  }

  boolean onCallbackThread() {
    return session.onCallbackThread();
  }

  /** Test hook: drops the socket as a network failure would. */
  void dropConnection() {
    session.dropConnection();
  }

  /** Test hook: drops the socket when the next packet of the type arrives, unprocessed. */
  void dropConnectionOnReceive(PacketType type) {
    session.dropConnectionOnReceive(type);
  }

  /** Test hook: outbound QoS 1 and 2 messages not yet acknowledged. */
  int inflightCount() {
    return session.inflightCount().join();
  }

  private void checkPublishProperties(MqttProperties properties) {
    Objects.requireNonNull(properties, "properties");
    if (properties.isEmpty()) {
      return;
    }
    if (!session.settings().version().isMqtt5()) {
      throw new IllegalArgumentException("MQTT 3.1.1 has no properties: connect with MQTT 5");
    }
    for (PropertyId id : properties.presentSingleValued()) {
      if (!id.allowedIn(PacketType.PUBLISH)) {
        throw new IllegalArgumentException(id + " is not a PUBLISH property [MQTT-2.2.2-2]");
      }
      if (id == PropertyId.TOPIC_ALIAS) {
        throw new IllegalArgumentException("topic aliases are managed by the client");
      }
    }
    if (!properties.subscriptionIdentifiers().isEmpty()) {
      throw new IllegalArgumentException(
          "a client must not send a Subscription Identifier in a PUBLISH [MQTT-3.3.4-6]");
    }
  }
}
