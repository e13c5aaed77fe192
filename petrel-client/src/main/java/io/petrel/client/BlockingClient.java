package io.petrel.client;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.QoS;
import io.petrel.codec.SubscriptionOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The blocking facade of an {@link AsyncClient}: each operation waits for what its future would
 * complete with, up to a timeout (default 60 s), and throws {@link MqttClientException} where the
 * future would fail. Message handlers still run on the client's callback thread; they must not call
 * this facade, whose results are delivered on that very thread (it throws {@link
 * IllegalStateException} instead of deadlocking).
 */
public final class BlockingClient implements AutoCloseable {
  private final AsyncClient async;
  private volatile Duration timeout = Duration.ofSeconds(60);

  BlockingClient(AsyncClient async) {
    this.async = async;
  }

  /**
   * The asynchronous client behind this facade, sharing its connection and session.
   *
   * @return the client
   */
  public AsyncClient async() {
    return async;
  }

  /**
   * How long each operation waits before it throws; default 60 s. A timed-out operation is not
   * cancelled: a publish may still be delivered.
   *
   * @param timeout a positive duration
   * @return this client
   */
  public BlockingClient timeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * Connects and waits for the CONNACK.
   *
   * @see AsyncClient#connect()
   * @return the broker's CONNACK
   */
  public ConnectResult connect() {
    return await(async.connect(), "connect");
  }

  /**
   * Publishes and waits until the broker acknowledged at that QoS (QoS 0: until written).
   *
   * @see AsyncClient#publish(String, byte[], QoS, boolean)
   * @param topic a topic name without wildcards
   * @param payload the payload, copied
   * @param qos the quality of service
   * @param retain whether the broker keeps it as the topic's retained message
   * @return the acknowledgement
   */
  public PublishResult publish(String topic, byte[] payload, QoS qos, boolean retain) {
    return await(async.publish(topic, payload, qos, retain), "publish");
  }

  /**
   * Publishes with MQTT 5 properties and waits for the acknowledgement.
   *
   * @see AsyncClient#publish(String, byte[], QoS, boolean, MqttProperties)
   * @param topic a topic name without wildcards
   * @param payload the payload, copied
   * @param qos the quality of service
   * @param retain whether the broker keeps it as the topic's retained message
   * @param properties MQTT 5 PUBLISH properties
   * @return the acknowledgement
   */
  public PublishResult publish(
      String topic, byte[] payload, QoS qos, boolean retain, MqttProperties properties) {
    return await(async.publish(topic, payload, qos, retain, properties), "publish");
  }

  /**
   * Subscribes and waits for the SUBACK.
   *
   * @see AsyncClient#subscribe(String, QoS, MessageHandler)
   * @param filter a topic filter, wildcards allowed
   * @param qos the maximum QoS to receive at
   * @param handler receives the messages
   * @return the SUBACK
   */
  public SubscribeResult subscribe(String filter, QoS qos, MessageHandler handler) {
    return await(async.subscribe(filter, qos, handler), "subscribe");
  }

  /**
   * Subscribes with full options and waits for the SUBACK.
   *
   * @see AsyncClient#subscribe(String, SubscriptionOptions, MessageHandler)
   * @param filter a topic filter, wildcards allowed
   * @param options maximum QoS and MQTT 5 options
   * @param handler receives the messages
   * @return the SUBACK
   */
  public SubscribeResult subscribe(
      String filter, SubscriptionOptions options, MessageHandler handler) {
    return await(async.subscribe(filter, options, handler), "subscribe");
  }

  /**
   * Subscribes and waits for the SUBACK; the listener also sees QoS and retain flags.
   *
   * @param filter a topic filter, wildcards allowed
   * @param qos the maximum QoS to receive at
   * @param listener receives the messages
   * @return the SUBACK
   * @see AsyncClient#subscribe(String, QoS, MessageListener)
   */
  public SubscribeResult subscribe(String filter, QoS qos, MessageListener listener) {
    return await(async.subscribe(filter, qos, listener), "subscribe");
  }

  /**
   * Subscribes with full options and waits for the SUBACK; the listener also sees QoS and retain
   * flags.
   *
   * @param filter a topic filter, wildcards allowed
   * @param options maximum QoS and MQTT 5 options
   * @param listener receives the messages
   * @return the SUBACK
   * @see AsyncClient#subscribe(String, SubscriptionOptions, MessageListener)
   */
  public SubscribeResult subscribe(
      String filter, SubscriptionOptions options, MessageListener listener) {
    return await(async.subscribe(filter, options, listener), "subscribe");
  }

  /**
   * Unsubscribes and waits for the UNSUBACK.
   *
   * @see AsyncClient#unsubscribe(String)
   * @param filter the filter exactly as subscribed
   * @return the UNSUBACK
   */
  public UnsubscribeResult unsubscribe(String filter) {
    return await(async.unsubscribe(filter), "unsubscribe");
  }

  /**
   * Disconnects and waits until the connection is closed.
   *
   * @see AsyncClient#disconnect()
   */
  public void disconnect() {
    await(async.disconnect(), "disconnect");
  }

  /**
   * Whether the client is connected now.
   *
   * @return true between an accepted CONNACK and the end of that connection
   */
  public boolean isConnected() {
    return async.isConnected();
  }

  /** Closes the client and waits until its threads are gone. */
  @Override
  public void close() {
    async.close();
  }

  private <T> T await(CompletableFuture<T> future, String what) {
    Objects.requireNonNull(future);
    if (async.onCallbackThread() && !future.isDone()) {
      throw new IllegalStateException(
          "a message handler must not wait for " + what + ": use the AsyncClient");
    }
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new MqttClientException(what + " failed", cause);
    } catch (TimeoutException e) {
      throw new MqttClientException(what + " timed out after " + timeout.toMillis() + " ms", e);
    } catch (CancellationException e) {
      throw new MqttClientException(what + " was cancelled", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MqttClientException(what + " was interrupted", e);
    }
  }
}
