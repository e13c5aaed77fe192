package io.petrel.client.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.petrel.client.ConnectResult;
import io.petrel.client.MqttClientException;
import io.petrel.client.PublishResult;
import io.petrel.client.SubscribeResult;
import io.petrel.client.UnsubscribeResult;
import io.petrel.codec.Bytes;
import io.petrel.codec.ConnAck;
import io.petrel.codec.Connect;
import io.petrel.codec.DecodeFailure;
import io.petrel.codec.Disconnect;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PacketType;
import io.petrel.codec.PingReq;
import io.petrel.codec.PropertyId;
import io.petrel.codec.PubAck;
import io.petrel.codec.PubComp;
import io.petrel.codec.PubRec;
import io.petrel.codec.PubRel;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import io.petrel.codec.SubAck;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.UnsubAck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The client's connection lifecycle: one connection at a time, CONNECT and CONNACK, keep-alive, the
 * end of a connection and the reconnect loop. Session state that outlives connections lives in
 * {@link OutboundPublishes}, {@link SubscriptionRequests} and {@link InboundPublishes}.
 *
 * <p>Threading: all state lives on one event loop thread, the client's own, so nothing needs a
 * lock; the public methods validate on the caller's thread and hand the rest to the loop. Futures
 * complete and message handlers run on a second thread ({@link Callbacks}), so application code can
 * neither stall the network nor deadlock it by waiting for a result.
 */
public final class ClientSession {
  private static final InternalLogger log = InternalLoggerFactory.getInstance(ClientSession.class);

  /** The largest packet MQTT can express: the default needs no Maximum Packet Size property. */
  private static final int MQTT_MAX_PACKET_SIZE = 268_435_460;

  /** Refusals that another attempt with the same settings cannot overcome. */
  private static final Set<ReasonCode> FINAL_REFUSALS =
      EnumSet.of(
          ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
          ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
          ReasonCode.BAD_USER_NAME_OR_PASSWORD,
          ReasonCode.NOT_AUTHORIZED,
          ReasonCode.BANNED,
          ReasonCode.BAD_AUTHENTICATION_METHOD);

  private enum State {
    /** Not connected and not trying to. */
    IDLE,
    /** A channel is opening or waiting for CONNACK. */
    CONNECTING,
    CONNECTED,
    /** Waiting out the backoff before the next attempt. */
    WAITING,
    CLOSED
  }

  private final ClientSettings settings;
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Callbacks callbacks;
  private final Transport transport;
  private final InflightStore store;

  // Session state: survives reconnects.
  private final OutboundPublishes outbound;
  private final SubscriptionRequests subscriptions;
  private final InboundPublishes inbound;
  private boolean sessionEverOpened;

  // Connection state.
  private State state = State.IDLE;
  private volatile boolean connected;
  private Channel channel;
  private CompletableFuture<ConnectResult> connectFuture;
  private ConnectResult lastConnect;
  private boolean established;
  private int attempts;
  private ScheduledFuture<?> connectTimer;
  private ScheduledFuture<?> reconnectTimer;
  private MqttClientException closeCause;
  private boolean finalRefusal;
  private boolean pingOutstanding;
  private volatile PacketType dropOnReceive;

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
    this.transport = new Transport(settings, group);
    PacketIds ids = new PacketIds();
    this.subscriptions = new SubscriptionRequests(settings, ids, callbacks);
    this.inbound = new InboundPublishes(settings, subscriptions, callbacks);
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
  }

  // ---- API, any thread -------------------------------------------------------------------------

  /** See {@code AsyncClient.connect()}. */
  public CompletableFuture<ConnectResult> connect() {
    CompletableFuture<ConnectResult> f = new CompletableFuture<>();
    run(() -> startConnect(f), f);
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
          if (state == State.CLOSED) {
            callbacks.fail(f, closedException());
          } else {
            outbound.enqueue(p, connectedChannel());
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
          if (state == State.CLOSED) {
            callbacks.fail(f, closedException());
          } else {
            subscriptions.subscribe(filter, options, handler, f, connectedChannel());
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
          if (state == State.CLOSED) {
            callbacks.fail(f, closedException());
          } else {
            subscriptions.unsubscribe(filter, f, connectedChannel());
          }
        },
        f);
    return f;
  }

  /** See {@code AsyncClient.disconnect()}. */
  public CompletableFuture<Void> disconnect() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    run(() -> stop(false, f), f);
    return f;
  }

  /** See {@code AsyncClient.close()}. */
  public CompletableFuture<Void> close() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    try {
      loop.execute(() -> stop(true, f));
    } catch (RejectedExecutionException e) {
      f.complete(null); // already closed
    }
    return f;
  }

  /** Whether a CONNACK has accepted the current connection. */
  public boolean isConnected() {
    return connected;
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
    loop.execute(
        () -> {
          if (channel != null) {
            channel.close();
          }
        });
  }

  /** Test hook: drops the connection when the next packet of this type arrives, unprocessed. */
  public void dropConnectionOnReceive(PacketType type) {
    dropOnReceive = type;
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
      f.completeExceptionally(closedException());
    }
  }

  /** The channel to write to, or null when no CONNACK has accepted one. */
  private Channel connectedChannel() {
    return state == State.CONNECTED ? channel : null;
  }

  // ---- connecting ------------------------------------------------------------------------------

  private void startConnect(CompletableFuture<ConnectResult> f) {
    switch (state) {
      case CLOSED -> callbacks.fail(f, closedException());
      case CONNECTED -> callbacks.complete(f, lastConnect);
      case CONNECTING, WAITING -> {
        if (connectFuture == null) {
          connectFuture = f;
        } else {
          connectFuture.whenComplete((r, e) -> copy(f, r, e));
        }
      }
      case IDLE -> {
        connectFuture = f;
        attempts = 0;
        open();
      }
    }
  }

  private static <T> void copy(CompletableFuture<T> f, T result, Throwable error) {
    if (error != null) {
      f.completeExceptionally(error);
    } else {
      f.complete(result);
    }
  }

  private void open() {
    state = State.CONNECTING;
    closeCause = null;
    finalRefusal = false;
    ChannelFuture future =
        transport.connect(new ClientHandler(this, settings.webSocketPath().isPresent()));
    Channel ch = future.channel();
    channel = ch;
    long timeout = settings.connectTimeout().toMillis();
    connectTimer =
        loop.schedule(
            () -> {
              if (channel == ch && state == State.CONNECTING) {
                closeCause =
                    new MqttClientException(
                        "no CONNACK from " + settings.address() + " within " + timeout + " ms",
                        (Throwable) null);
                ch.close();
              }
            },
            timeout,
            TimeUnit.MILLISECONDS);
    future.addListener(
        f -> {
          if (!f.isSuccess()) {
            channelClosed(ch, f.cause());
          }
        });
  }

  /** TCP (and TLS, or the WebSocket handshake) is up: MQTT starts with CONNECT. */
  void transportReady(Channel ch) {
    if (ch != channel || state != State.CONNECTING) {
      return;
    }
    boolean mqtt5 = settings.version().isMqtt5();
    // Reconnects resume the session; an MQTT 3.1.1 clean session cannot be resumed.
    boolean clean = sessionEverOpened ? !mqtt5 && settings.cleanStart() : settings.cleanStart();
    MqttProperties.Builder props = MqttProperties.builder();
    if (mqtt5) {
      if (settings.sessionExpirySeconds() > 0) {
        props.integer(PropertyId.SESSION_EXPIRY_INTERVAL, settings.sessionExpirySeconds());
      }
      if (settings.maxPacketSize() < MQTT_MAX_PACKET_SIZE) {
        props.integer(PropertyId.MAXIMUM_PACKET_SIZE, settings.maxPacketSize());
      }
    }
    ch.writeAndFlush(
            new Connect(
                settings.version(),
                settings.clientId(),
                clean,
                settings.keepAliveSeconds(),
                settings.username(),
                settings.password(),
                settings.will(),
                props.build()))
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  private void connAck(ConnAck ack) {
    cancel(connectTimer);
    if (ack.reasonCode().isError()) {
      closeCause =
          new MqttClientException(
              "the broker at " + settings.address() + " refused the connection",
              ack.reasonCode(),
              reasonString(ack.properties()));
      finalRefusal = FINAL_REFUSALS.contains(ack.reasonCode());
      channel.close();
      return;
    }
    MqttProperties p = ack.properties();
    int keepAlive =
        (int) p.integer(PropertyId.SERVER_KEEP_ALIVE).orElse(settings.keepAliveSeconds());
    if (keepAlive > 0) {
      channel
          .pipeline()
          .addBefore("mqtt-client", "keep-alive", new IdleStateHandler(0, keepAlive, 0));
    }
    state = State.CONNECTED;
    connected = true;
    boolean reconnect = established && connectFuture == null;
    established = true;
    sessionEverOpened = true;
    attempts = 0;
    pingOutstanding = false;
    // The broker has no session for us [MQTT-3.2.2-5]: forget what only made sense in the old one.
    if (!ack.sessionPresent()) {
      inbound.sessionLost();
      outbound.sessionLost();
    }
    outbound.limits(p);
    outbound.resend(channel);
    subscriptions.connected(channel, ack.sessionPresent(), p);
    outbound.drain(channel);
    ConnectResult result =
        new ConnectResult(
            ack.sessionPresent(),
            ack.reasonCode(),
            p.string(PropertyId.ASSIGNED_CLIENT_IDENTIFIER),
            p);
    lastConnect = result;
    if (connectFuture != null) {
      callbacks.complete(connectFuture, result);
      connectFuture = null;
    }
    settings
        .connectionListener()
        .ifPresent(
            l ->
                callbacks.runApplicationCode(
                    () -> l.connected(result, reconnect), "the connection listener"));
  }

  /** The channel is gone: closed by either side, or it never connected. */
  void channelClosed(Channel ch, Throwable cause) {
    if (ch != channel) {
      return;
    }
    cancel(connectTimer);
    boolean wasConnected = state == State.CONNECTED;
    channel = null;
    connected = false;
    subscriptions.connectionLost();
    MqttClientException why = closeCause != null ? closeCause : lost(cause);
    closeCause = null;
    if (state == State.CLOSED || state == State.IDLE) {
      return; // disconnect() or close(): they finish the futures
    }
    boolean retry =
        established
            && !finalRefusal
            && settings.reconnect().enabled()
            && (settings.reconnect().maxAttempts() == 0
                || attempts < settings.reconnect().maxAttempts());
    if (wasConnected) {
      log.debug("connection to {} lost: {}", settings.address(), why.getMessage());
      settings
          .connectionListener()
          .ifPresent(
              l ->
                  callbacks.runApplicationCode(
                      () -> l.disconnected(why, retry), "the connection listener"));
    }
    if (!retry) {
      state = State.IDLE;
      if (connectFuture != null) {
        callbacks.fail(connectFuture, why);
        connectFuture = null;
      }
      if (established && (finalRefusal || settings.reconnect().enabled())) {
        // Given up for good: nothing will send what waits offline.
        outbound.failQueued(why);
      }
      established = false;
      return;
    }
    state = State.WAITING;
    Duration delay =
        settings.reconnect().delay(attempts++, ThreadLocalRandom.current().nextDouble());
    log.debug("reconnecting to {} in {} ms", settings.address(), delay.toMillis());
    reconnectTimer =
        loop.schedule(
            () -> {
              reconnectTimer = null;
              if (state == State.WAITING) {
                open();
              }
            },
            delay.toNanos(),
            TimeUnit.NANOSECONDS);
  }

  private MqttClientException lost(Throwable cause) {
    String where = settings.address();
    if (cause == null) {
      return new MqttClientException(
          "the connection to " + where + " was closed", (Throwable) null);
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new MqttClientException(
        "the connection to "
            + where
            + " failed: "
            + Objects.toString(root.getMessage(), root.toString()),
        cause);
  }

  void malformed(Channel ch, DecodeFailure failure) {
    if (ch != channel) {
      return;
    }
    closeCause =
        new MqttClientException("the broker sent a malformed packet: " + failure, (Throwable) null);
    if (state == State.CONNECTED && settings.version().isMqtt5()) {
      ch.writeAndFlush(new Disconnect(failure.reasonCode(), MqttProperties.EMPTY))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ch.close();
    }
  }

  /** Nothing was written for a keep-alive interval: ping, or give up on an unanswered ping. */
  void writerIdle(Channel ch) {
    if (ch != channel || state != State.CONNECTED) {
      return;
    }
    if (pingOutstanding) {
      closeCause =
          new MqttClientException(
              "no answer to PINGREQ within the keep-alive interval", (Throwable) null);
      ch.close();
      return;
    }
    pingOutstanding = true;
    ch.writeAndFlush(PingReq.INSTANCE);
  }

  private void stop(boolean close, CompletableFuture<Void> f) {
    if (state == State.CLOSED) {
      f.complete(null);
      return;
    }
    cancel(reconnectTimer);
    cancel(connectTimer);
    boolean wasConnected = state == State.CONNECTED;
    state = close ? State.CLOSED : State.IDLE;
    connected = false;
    established = false;
    MqttClientException why =
        close
            ? closedException()
            : new MqttClientException("disconnect() was called", (Throwable) null);
    if (connectFuture != null) {
      callbacks.fail(connectFuture, why);
      connectFuture = null;
    }
    Channel ch = channel;
    CompletableFuture<Void> closed = new CompletableFuture<>();
    if (ch == null) {
      closed.complete(null);
    } else {
      if (wasConnected) {
        ch.writeAndFlush(Disconnect.NORMAL).addListener(ChannelFutureListener.CLOSE);
      } else {
        ch.close();
      }
      ch.closeFuture().addListener(x -> closed.complete(null));
    }
    if (!close) {
      closed.whenComplete((r, e) -> callbacks.complete(f, null));
      if (wasConnected) {
        settings
            .connectionListener()
            .ifPresent(
                l ->
                    callbacks.runApplicationCode(
                        () -> l.disconnected(why, false), "the connection listener"));
      }
      return;
    }
    // close(): every waiting future fails; the in-flight store keeps its messages for next time.
    outbound.failAll(why);
    subscriptions.failAll(why);
    closed.whenComplete(
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

  // ---- receiving -------------------------------------------------------------------------------

  void received(Channel ch, MqttPacket packet) {
    if (ch != channel || closeCause != null) {
      return; // a stale channel, or one that is closing for a reason already given
    }
    if (packet.type() == dropOnReceive) {
      dropOnReceive = null;
      ch.close();
      return;
    }
    pingOutstanding = false;
    if (state != State.CONNECTED && packet.type() != PacketType.CONNACK) {
      protocolError(ch, packet.type() + " before CONNACK [MQTT-3.2.0-1]");
      return;
    }
    switch (packet.type()) {
      case CONNACK -> {
        if (state == State.CONNECTED) {
          protocolError(ch, "a second CONNACK");
        } else {
          connAck((ConnAck) packet);
        }
      }
      case PUBLISH -> inbound.publish((Publish) packet, ch);
      case PUBREL -> inbound.pubRel((PubRel) packet, ch);
      case PUBACK -> outbound.pubAck((PubAck) packet, ch);
      case PUBREC -> outbound.pubRec((PubRec) packet, ch);
      case PUBCOMP -> outbound.pubComp((PubComp) packet, ch);
      case SUBACK -> {
        subscriptions.subAck((SubAck) packet);
        outbound.drain(ch); // a packet id is free again
      }
      case UNSUBACK -> {
        subscriptions.unsubAck((UnsubAck) packet);
        outbound.drain(ch);
      }
      case PINGRESP -> {}
      case DISCONNECT -> {
        Disconnect d = (Disconnect) packet;
        closeCause =
            new MqttClientException(
                "the broker closed the connection", d.reasonCode(), reasonString(d.properties()));
        // Another client now has our id: coming back would only take it over in turn, forever.
        finalRefusal = d.reasonCode() == ReasonCode.SESSION_TAKEN_OVER;
        ch.close();
      }
      default -> protocolError(ch, "a client does not accept " + packet.type());
    }
  }

  private void protocolError(Channel ch, String what) {
    closeCause =
        new MqttClientException("protocol error: " + what, ReasonCode.PROTOCOL_ERROR, null);
    if (settings.version().isMqtt5() && state == State.CONNECTED) {
      ch.writeAndFlush(new Disconnect(ReasonCode.PROTOCOL_ERROR, MqttProperties.EMPTY))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ch.close();
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static String reasonString(MqttProperties properties) {
    return properties.string(PropertyId.REASON_STRING).orElse(null);
  }

  private static MqttClientException closedException() {
    return new MqttClientException("the client is closed", (Throwable) null);
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
