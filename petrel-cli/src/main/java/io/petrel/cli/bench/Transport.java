package io.petrel.cli.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.petrel.client.internal.WebSocketBinaryCodec;
import io.petrel.codec.MqttCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The bench's event loops (epoll on Linux, NIO elsewhere) and how a client connects on them. Every
 * client is a channel on one of a few loop threads, never a thread of its own: thousands of clients
 * cost the generator no more threads than one.
 */
final class Transport implements AutoCloseable {
  /** The largest packet MQTT can express: a bench client accepts whatever the broker sends. */
  private static final int MAX_PACKET_SIZE = 268_435_460;

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  /**
   * A publisher writes until its channel stops being writable; 256 KB of pending bytes is a few
   * thousand small messages per flush, enough to batch and little enough to keep latency honest.
   */
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(128 * 1024, 256 * 1024);

  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> channelClass;
  private final String name;
  private final List<Thread> loopThreads = new CopyOnWriteArrayList<>();
  private final long createdNanos = System.nanoTime();

  Transport(int threads) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    DefaultThreadFactory threadFactory = new DefaultThreadFactory("petrel-bench");
    group =
        new MultiThreadIoEventLoopGroup(
            threads,
            task -> {
              Thread thread = threadFactory.newThread(task);
              loopThreads.add(thread);
              return thread;
            },
            factory);
    channelClass = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    name = epoll ? "epoll" : "nio";
  }

  String name() {
    return name;
  }

  /**
   * The busiest loop thread's CPU time as a share of the time since the transport started, or -1
   * when the JVM cannot tell. Near 1 the generator, not the broker, limits the run. Call before
   * {@link #close}: a finished thread has no CPU time any more.
   */
  double busiestLoop() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isThreadCpuTimeSupported()) {
      return -1;
    }
    long busiest = 0;
    for (Thread thread : loopThreads) {
      busiest = Math.max(busiest, threads.getThreadCpuTime(thread.getId()));
    }
    return busiest / (double) (System.nanoTime() - createdNanos);
  }

  /** Starts connecting; the client's {@code connected} future tells how it ended. */
  ChannelFuture connect(Settings settings, BenchClient client) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(channelClass)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    pipeline(ch, settings, client);
                  }
                });
    client.connecting();
    ChannelFuture future = bootstrap.connect(settings.host(), settings.port());
    future.addListener(
        f -> {
          if (!f.isSuccess()) {
            client.failed(f.cause());
          }
        });
    return future;
  }

  /**
   * TLS, then the WebSocket handshake and binary frames, then MQTT: the same layers as
   * petrel-client (and its TLS context and frame codec), under the bench's own handlers. The client
   * sends CONNECT only once the layers below it are up (see {@link BenchClient}).
   */
  private static void pipeline(Channel ch, Settings settings, BenchClient client) {
    ChannelPipeline p = ch.pipeline();
    if (settings.sslContext().isPresent()) {
      // With host and port the handler sends SNI and can check the certificate's names.
      p.addLast(
          settings.sslContext().get().newHandler(ch.alloc(), settings.host(), settings.port()));
    }
    if (settings.webSocketPath().isPresent()) {
      p.addLast(new HttpClientCodec());
      p.addLast(new HttpObjectAggregator(64 * 1024));
      p.addLast(
          new WebSocketClientProtocolHandler(
              WebSocketClientHandshakerFactory.newHandshaker(
                  webSocketUri(settings),
                  WebSocketVersion.V13,
                  "mqtt", // [MQTT-6.0.0-3]
                  false,
                  new DefaultHttpHeaders(),
                  MAX_PACKET_SIZE)));
      p.addLast(new WebSocketBinaryCodec());
    }
    MqttCodec codec = new MqttCodec(MAX_PACKET_SIZE, false);
    codec.setProtocolVersion(settings.version());
    p.addLast(codec, client);
  }

  private static URI webSocketUri(Settings settings) {
    try {
      return new URI(
          settings.sslContext().isPresent() ? "wss" : "ws",
          null,
          settings.host(),
          settings.port(),
          settings.webSocketPath().get(),
          null,
          null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad WebSocket address: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
