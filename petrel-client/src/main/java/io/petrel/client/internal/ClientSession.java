package io.petrel.client.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.petrel.client.ConnectResult;
import io.petrel.client.MqttClientException;
import io.petrel.client.PublishResult;
import io.petrel.client.SubscribeResult;
import io.petrel.client.UnsubscribeResult;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PacketType;
import io.petrel.codec.QoS;
import io.petrel.codec.SubscriptionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One client: its threads, its session state and its connection. Session state that outlives
 * connections lives in {@link OutboundPublishes}, {@link SubscriptionRequests} and {@link
 * InboundPublishes}; the connection, CONNECT to reconnect, in {@link ConnectionLifecycle}.
 *
 * <p>Threading: all state lives on one event loop thread, the client's own, so nothing needs a
 * lock; the public methods validate on the caller's thread and hand the rest to the loop. Futures
 * complete and message handlers run on a second thread ({@link Callbacks}), so application code can
 * neither stall the network nor deadlock it by waiting for a result.
 */
public final class ClientSession {
  private static final InternalLogger log = InternalLoggerFactory.getInstance(ClientSession.class);

  private final ClientSettings settings;
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Callbacks callbacks;
  private final InflightStore store;
  private final OutboundPublishes outbound;
  private final SubscriptionRequests subscriptions;
  private final ConnectionLifecycle connection;

  /**
   * Creates the client's threads and reads the in-flight store, if there is one.
   *
   * @throws UncheckedIOException if the store cannot be read or is in use
   */
  public ClientSession(ClientSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    String name = "petrel-client-" + settings.clientId();
    this.group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory(name, true), NioIoHandler.newFactory());
    this.loop = group.next();
    this.callbacks = new Callbacks(name + "-callbacks");
    PacketIds ids = new PacketIds();
    this.subscriptions = new SubscriptionRequests(settings, ids, callbacks);
    InboundPublishes inbound = new InboundPublishes(settings, subscriptions, callbacks);
    InflightStore opened = null;
    try {
      opened =
          settings.inflightStore().isPresent()
              ? new FileInflightStore(settings.inflightStore().get())
              : InflightStore.none();
      this.outbound = new OutboundPublishes(settings, ids, opened, callbacks);
    } catch (IOException e) {
      if (opened != null) {
        try {
          opened.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      callbacks.shutdown();
      throw new UncheckedIOException("cannot open the in-flight store: " + e.getMessage(), e);
    }
    this.store = opened;
    this.connection =
        new ConnectionLifecycle(
            settings,
            loop,
            callbacks,
            new Transport(settings, group),
            outbound,
            subscriptions,
            inbound);
  }

  // ---- API, any thread -------------------------------------------------------------------------

  /** See {@code AsyncClient.connect()}. */
  public CompletableFuture<ConnectResult> connect() {
    CompletableFuture<ConnectResult> f = new CompletableFuture<>();
    run(() -> connection.connect(f), f);
    return f;
  }

  /** See {@code AsyncClient.publish}; arguments are already checked. */
  public CompletableFuture<PublishResult> publish(
      String topic, Bytes payload, QoS qos, boolean retain, MqttProperties properties) {
    CompletableFuture<PublishResult> f = new CompletableFuture<>();
    OutboundPublishes.Pending p =
        new OutboundPublishes.Pending(topic, payload, qos, retain, properties, f);
    run(
        () -> {
          if (connection.isClosed()) {
            callbacks.fail(f, ConnectionErrors.closed());
          } else {
            outbound.enqueue(p, connection.writableChannel());
          }
        },
        f);
    return f;
  }

  /** See {@code AsyncClient.subscribe}; arguments are already checked. */
  public CompletableFuture<SubscribeResult> subscribe(
      String filter, SubscriptionOptions options, Receiver handler) {
    CompletableFuture<SubscribeResult> f = new CompletableFuture<>();
    run(
        () -> {
          if (connection.isClosed()) {
            callbacks.fail(f, ConnectionErrors.closed());
          } else {
            subscriptions.subscribe(filter, options, handler, f, connection.writableChannel());
          }
        },
        f);
    return f;
  }

  /** See {@code AsyncClient.unsubscribe}; the filter is already checked. */
  public CompletableFuture<UnsubscribeResult> unsubscribe(String filter) {
    CompletableFuture<UnsubscribeResult> f = new CompletableFuture<>();
    run(
        () -> {
          if (connection.isClosed()) {
            callbacks.fail(f, ConnectionErrors.closed());
          } else {
            subscriptions.unsubscribe(filter, f, connection.writableChannel());
          }
        },
        f);
    return f;
  }

  /** See {@code AsyncClient.disconnect()}. */
  public CompletableFuture<Void> disconnect() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    run(() -> connection.disconnect(f), f);
    return f;
  }

  /** See {@code AsyncClient.close()}. */
  public CompletableFuture<Void> close() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    try {
      loop.execute(() -> shutdown(f));
    } catch (RejectedExecutionException e) {
      f.complete(null); // already closed
    }
    return f;
  }

  /** Whether a CONNACK has accepted the current connection. */
  public boolean isConnected() {
    return connection.isConnected();
  }

  /** Whether the calling thread is the one that runs handlers and completes futures. */
  public boolean onCallbackThread() {
    return callbacks.onThread();
  }

  /** The settings the client was built with. */
  public ClientSettings settings() {
    return settings;
  }

  /** Test hook: closes the socket without DISCONNECT, as a network failure would. */
  public void dropConnection() {
    loop.execute(connection::dropConnection);
  }

  /** Test hook: drops the connection when the next packet of this type arrives, unprocessed. */
  public void dropConnectionOnReceive(PacketType type) {
    connection.dropConnectionOnReceive(type);
  }

  /** Test hook: outbound QoS 1 and 2 messages not yet acknowledged. */
  public CompletableFuture<Integer> inflightCount() {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    run(() -> f.complete(outbound.inflightCount()), f);
    return f;
  }

  private void run(Runnable task, CompletableFuture<?> f) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(ConnectionErrors.closed());
    }
  }

  /** Every waiting future fails; the in-flight store keeps its messages for next time. */
  private void shutdown(CompletableFuture<Void> f) {
    if (connection.isClosed()) {
      f.complete(null);
      return;
    }
    MqttClientException why = ConnectionErrors.closed();
    CompletableFuture<Void> channelClosed = connection.close(why);
    outbound.failAll(why);
    subscriptions.failAll(why);
    channelClosed.whenComplete(
        (r, e) -> {
          try {
            store.close();
          } catch (IOException ex) {
            log.warn("cannot close the in-flight store: {}", ex.toString());
          }
          callbacks.shutdown();
          group.shutdownGracefully(0, 1, TimeUnit.SECONDS).addListener(x -> f.complete(null));
        });
  }
}
