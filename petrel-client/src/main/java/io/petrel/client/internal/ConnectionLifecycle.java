package io.petrel.client.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.petrel.client.ConnectResult;
import io.petrel.client.ConnectionListener;
import io.petrel.client.MqttClientException;
import io.petrel.codec.ConnAck;
import io.petrel.codec.DecodeFailure;
import io.petrel.codec.Disconnect;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PacketType;
import io.petrel.codec.ReasonCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection at a time: opening it, the CONNACK timeout, what the channel reports (via {@link
 * ClientHandler}), its end, and whether and when to reconnect. The CONNECT and CONNACK themselves
 * are {@link ConnectExchange}'s, keep-alive is {@link KeepAlive}'s, and the packets of an accepted
 * connection go to their owners through {@link PacketDispatcher}.
 *
 * <p>Every method runs on the client's event loop, except the volatile reads noted.
 */
final class ConnectionLifecycle {
  private static final InternalLogger log =
      InternalLoggerFactory.getInstance(ConnectionLifecycle.class);

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
  private final EventLoop loop;
  private final Callbacks callbacks;
  private final Transport transport;
  private final OutboundPublishes outbound;
  private final SubscriptionRequests subscriptions;
  private final InboundPublishes inbound;
  private final ConnectExchange exchange;
  private final KeepAlive keepAlive;
  private final ReconnectSchedule reconnects;
  private final PacketDispatcher dispatcher;
  private final ConnectWaiters waiters;

  private State state = State.IDLE;
  private volatile boolean connected;
  private Channel channel;

  /** A CONNACK accepted a connection since the last {@code connect()}: losing it reconnects. */
  private boolean established;

  private ScheduledFuture<?> connectTimer;

  /** Why the current channel is closing, when the client knows better than the channel. */
  private MqttClientException closeCause;

  private boolean finalRefusal;
  private volatile PacketType dropOnReceive;

  ConnectionLifecycle(
      ClientSettings settings,
      EventLoop loop,
      Callbacks callbacks,
      Transport transport,
      OutboundPublishes outbound,
      SubscriptionRequests subscriptions,
      InboundPublishes inbound) {
    this.settings = settings;
    this.loop = loop;
    this.callbacks = callbacks;
    this.transport = transport;
    this.outbound = outbound;
    this.subscriptions = subscriptions;
    this.inbound = inbound;
    this.exchange = new ConnectExchange(settings);
    this.keepAlive = new KeepAlive(settings);
    this.reconnects = new ReconnectSchedule(settings, loop);
    this.dispatcher = new PacketDispatcher(this, inbound, outbound, subscriptions);
    this.waiters = new ConnectWaiters(callbacks);
  }

  /** Whether a CONNACK has accepted the current connection; any thread. */
  boolean isConnected() {
    return connected;
  }

  boolean isClosed() {
    return state == State.CLOSED;
  }

  /** The channel to write to, or null when no CONNACK has accepted one. */
  Channel writableChannel() {
    return state == State.CONNECTED ? channel : null;
  }

  // ---- connecting ------------------------------------------------------------------------------

  /** See {@code AsyncClient.connect()}. */
  void connect(CompletableFuture<ConnectResult> f) {
    switch (state) {
      case CLOSED -> callbacks.fail(f, ConnectionErrors.closed());
      case CONNECTED -> waiters.alreadyConnected(f);
      case CONNECTING, WAITING -> waiters.add(f);
      case IDLE -> {
        waiters.add(f);
        reconnects.reset();
        open();
      }
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
    ch.writeAndFlush(exchange.connect())
        .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  private void connAck(ConnAck ack) {
    cancel(connectTimer);
    if (ack.reasonCode().isError()) {
      closeCause = exchange.refusal(ack);
      finalRefusal = ConnectExchange.isFinal(ack);
      channel.close();
      return;
    }
    MqttProperties p = ack.properties();
    keepAlive.start(channel, p);
    state = State.CONNECTED;
    connected = true;
    boolean reconnect = established && !waiters.any();
    established = true;
    ConnectResult result = exchange.accepted(ack);
    reconnects.reset();
    // The broker has no session for us [MQTT-3.2.2-5]: forget what only made sense in the old one.
    if (!ack.sessionPresent()) {
      inbound.sessionLost();
      outbound.sessionLost();
    }
    outbound.limits(p);
    outbound.resend(channel);
    subscriptions.connected(channel, ack.sessionPresent(), p);
    outbound.drain(channel);
    waiters.accepted(result);
    tellListener(l -> l.connected(result, reconnect));
  }

  // ---- what the channel reports ----------------------------------------------------------------

  void received(Channel ch, MqttPacket packet) {
    if (ch != channel || closeCause != null) {
      return; // a stale channel, or one that is closing for a reason already given
    }
    if (packet.type() == dropOnReceive) {
      dropOnReceive = null;
      ch.close();
      return;
    }
    keepAlive.packetReceived();
    if (state == State.CONNECTED) {
      dispatcher.dispatch(ch, packet);
    } else if (packet.type() == PacketType.CONNACK) {
      connAck((ConnAck) packet);
    } else {
      protocolError(ch, packet.type() + " before CONNACK [MQTT-3.2.0-1]");
    }
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
    if (!keepAlive.writerIdle(ch)) {
      closeCause =
          new MqttClientException(
              "no answer to PINGREQ within the keep-alive interval", (Throwable) null);
      ch.close();
    }
  }

  void protocolError(Channel ch, String what) {
    closeCause =
        new MqttClientException("protocol error: " + what, ReasonCode.PROTOCOL_ERROR, null);
    if (settings.version().isMqtt5() && state == State.CONNECTED) {
      ch.writeAndFlush(new Disconnect(ReasonCode.PROTOCOL_ERROR, MqttProperties.EMPTY))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ch.close();
    }
  }

  void disconnectedByBroker(Channel ch, Disconnect d) {
    closeCause =
        new MqttClientException(
            "the broker closed the connection",
            d.reasonCode(),
            ConnectionErrors.reasonString(d.properties()));
    // Another client now has our id: coming back would only take it over in turn, forever.
    finalRefusal = d.reasonCode() == ReasonCode.SESSION_TAKEN_OVER;
    ch.close();
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
    MqttClientException why =
        closeCause != null ? closeCause : ConnectionErrors.lost(settings.address(), cause);
    closeCause = null;
    if (state == State.CLOSED || state == State.IDLE) {
      return; // disconnect() or close(): they finish the futures
    }
    boolean retry = established && !finalRefusal && reconnects.allowsAnother();
    if (wasConnected) {
      log.debug("connection to {} lost: {}", settings.address(), why.getMessage());
      tellListener(l -> l.disconnected(why, retry));
    }
    if (retry) {
      state = State.WAITING;
      reconnects.schedule(
          () -> {
            if (state == State.WAITING) {
              open();
            }
          });
      return;
    }
    state = State.IDLE;
    waiters.failed(why);
    if (established && (finalRefusal || settings.reconnect().enabled())) {
      // Given up for good: nothing will send what waits offline.
      outbound.failQueued(why);
    }
    established = false;
  }

  // ---- stopping --------------------------------------------------------------------------------

  /** See {@code AsyncClient.disconnect()}: the client may connect again. */
  void disconnect(CompletableFuture<Void> f) {
    if (state == State.CLOSED) {
      f.complete(null);
      return;
    }
    boolean wasConnected = state == State.CONNECTED;
    MqttClientException why = new MqttClientException("disconnect() was called", (Throwable) null);
    end(State.IDLE, why).whenComplete((r, e) -> callbacks.complete(f, null));
    if (wasConnected) {
      tellListener(l -> l.disconnected(why, false));
    }
  }

  /**
   * Ends the connection for good; the caller checks {@link #isClosed()} first.
   *
   * @return when the channel is closed
   */
  CompletableFuture<Void> close(MqttClientException why) {
    return end(State.CLOSED, why);
  }

  /** Stops reconnecting, fails a waiting connect and closes the channel, politely if connected. */
  private CompletableFuture<Void> end(State next, MqttClientException why) {
    reconnects.cancel();
    cancel(connectTimer);
    boolean wasConnected = state == State.CONNECTED;
    state = next;
    connected = false;
    established = false;
    waiters.failed(why);
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
    return closed;
  }

  // ---- test hooks ------------------------------------------------------------------------------

  /** Closes the socket without DISCONNECT, as a network failure would. */
  void dropConnection() {
    if (channel != null) {
      channel.close();
    }
  }

  /** Drops the connection when the next packet of this type arrives, unprocessed; any thread. */
  void dropConnectionOnReceive(PacketType type) {
    dropOnReceive = type;
  }

  private void tellListener(Consumer<ConnectionListener> call) {
    settings
        .connectionListener()
        .ifPresent(
            l -> callbacks.runApplicationCode(() -> call.accept(l), "the connection listener"));
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
