package io.petrel.cli.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.SucceededFuture;
import io.petrel.codec.Bytes;
import io.petrel.codec.ConnAck;
import io.petrel.codec.Connect;
import io.petrel.codec.DecodeFailure;
import io.petrel.codec.Disconnect;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PingReq;
import io.petrel.codec.PingResp;
import io.petrel.codec.PropertyId;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One bench connection: CONNECT with a clean session, CONNACK, keep-alive pings and the end of the
 * connection, shared by publishers, subscribers and the idle clients of the conn scenario. All its
 * methods but {@link #close} and the futures run on the channel's event loop.
 */
abstract class BenchClient extends ChannelInboundHandlerAdapter {
  private static final long CONNACK_TIMEOUT_SECONDS = 10;

  protected final Settings settings;
  protected final RunStats stats;
  private final String clientId;

  /** Completes on a successful CONNACK, or exceptionally with why the client could not connect. */
  final CompletableFuture<Void> connected = new CompletableFuture<>();

  protected Channel channel;
  protected RunStats.LoopRecorder recorder;
  private volatile long connectStartNanos;
  private volatile boolean closing;
  private ScheduledFuture<?> pinger;

  BenchClient(Settings settings, RunStats stats, String clientId) {
    this.settings = settings;
    this.stats = stats;
    this.clientId = clientId;
  }

  /** Called on the event loop once CONNACK accepted the connection. */
  protected abstract void onConnected(ChannelHandlerContext ctx);

  /** Every packet after CONNACK but PINGRESP. */
  protected abstract void onPacket(ChannelHandlerContext ctx, MqttPacket packet);

  /** The channel has closed, on purpose or not. */
  protected void onClosed() {}

  /**
   * Just before the TCP connect: connect latency runs from here to CONNACK, so it includes the TLS
   * and WebSocket handshakes.
   */
  void connecting() {
    connectStartNanos = System.nanoTime();
  }

  /** The connect failed: TCP, TLS, WebSocket handshake, the broker's CONNACK or a timeout. */
  void failed(Throwable cause) {
    if (!connected.isDone()) {
      // The reason first: the coordinator reads it as soon as the future completes.
      stats.failure(BenchException.describe(cause, settings));
      if (connected.completeExceptionally(cause)) {
        stats.connectFailures.incrementAndGet();
      }
    }
  }

  boolean closing() {
    return closing;
  }

  /** Sends DISCONNECT and closes; the future completes when the channel is closed. */
  Future<?> close() {
    closing = true;
    Channel ch = channel;
    if (ch == null) {
      return new SucceededFuture<>(ImmediateEventExecutor.INSTANCE, null);
    }
    ch.eventLoop()
        .execute(
            () -> {
              if (ch.isActive() && connected.isDone() && !connected.isCompletedExceptionally()) {
                ch.writeAndFlush(Disconnect.NORMAL).addListener(ChannelFutureListener.CLOSE);
              } else {
                ch.close();
              }
            });
    return ch.closeFuture();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    recorder = stats.recorder(ctx.channel().eventLoop());
  }

  /** Over TLS or WebSocket CONNECT waits for their handshakes: see {@link #userEventTriggered}. */
  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (settings.sslContext().isEmpty() && settings.webSocketPath().isEmpty()) {
      sendConnect(ctx);
    }
  }

  /**
   * The handshakes below MQTT: TLS done (CONNECT now, unless a WebSocket handshake follows), or the
   * WebSocket upgrade done. Their time counts in connect latency, which runs from the TCP connect
   * to CONNACK, never in message latency: publishing starts once every client is connected.
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent tls) {
      if (!tls.isSuccess()) {
        failed(
            tls.cause() instanceof ClosedChannelException
                ? new BenchException(
                    "the broker closed the connection in the TLS handshake (is it a TLS port?)")
                : tls.cause());
        ctx.close();
      } else if (settings.webSocketPath().isEmpty()) {
        sendConnect(ctx);
      }
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      sendConnect(ctx);
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      failed(new BenchException("no answer to the WebSocket handshake"));
      ctx.close();
    }
  }

  private void sendConnect(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(
        new Connect(
            settings.version(),
            clientId,
            !settings.persistent(),
            Settings.KEEP_ALIVE_SECONDS,
            settings.endpoint().username(),
            settings.endpoint().password().map(Bytes::utf8),
            Optional.empty(),
            settings.persistent() && settings.version().isMqtt5()
                ? MqttProperties.builder().integer(PropertyId.SESSION_EXPIRY_INTERVAL, 3600).build()
                : MqttProperties.EMPTY));
    ctx.executor()
        .schedule(
            () -> {
              if (!connected.isDone()) {
                failed(new BenchException("no CONNACK within " + CONNACK_TIMEOUT_SECONDS + " s"));
                ctx.close();
              }
            },
            CONNACK_TIMEOUT_SECONDS,
            TimeUnit.SECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DecodeFailure failure) {
      stats.failure("the broker sent a malformed packet: " + failure);
      ctx.close();
    } else if (msg instanceof ConnAck connAck) {
      if (connAck.reasonCode().isError()) {
        failed(new BenchException("refused by the broker: " + connAck.reasonCode()));
        ctx.close();
        return;
      }
      recorder.connect.record(System.nanoTime() - connectStartNanos);
      // Pinging at half the keep-alive whether idle or not: one tiny packet per 30 s is cheaper
      // than tracking idleness, and a subscriber that only receives QoS 0 is never dropped.
      long period = Settings.KEEP_ALIVE_SECONDS / 2;
      pinger =
          ctx.executor()
              .scheduleAtFixedRate(
                  () -> ctx.writeAndFlush(PingReq.INSTANCE), period, period, TimeUnit.SECONDS);
      connected.complete(null);
      onConnected(ctx);
    } else if (!(msg instanceof PingResp)) {
      onPacket(ctx, (MqttPacket) msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (pinger != null) {
      pinger.cancel(false);
    }
    if (!connected.isDone()) {
      failed(new BenchException("the broker closed the connection before CONNACK"));
    } else if (!closing && !connected.isCompletedExceptionally()) {
      stats.connectionsLost.incrementAndGet();
      stats.failure("the broker closed a connection during the run");
    }
    onClosed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!connected.isDone()) {
      failed(cause);
    } else if (!closing) {
      stats.failure(BenchException.describe(cause, settings));
    }
    ctx.close();
  }
}
