package io.petrel.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.petrel.codec.MqttCodec;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Opens connections to the broker: TCP, TLS, WebSocket or secure WebSocket, each ending in the same
 * MQTT frame decoder, packet encoder and {@link ClientHandler}. The only class that builds
 * pipelines.
 */
final class Transport {
  private final ClientSettings settings;
  private final EventLoopGroup group;

  Transport(ClientSettings settings, EventLoopGroup group) {
    this.settings = settings;
    this.group = group;
  }

  /** Starts connecting; the handler is told when MQTT may start and when the channel closes. */
  ChannelFuture connect(ClientHandler handler) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    pipeline(ch, handler);
                  }
                });
    return bootstrap.connect(settings.host(), settings.port());
  }

  private void pipeline(Channel ch, ClientHandler handler) {
    ChannelPipeline p = ch.pipeline();
    if (settings.sslContext().isPresent()) {
      SslContext ssl = settings.sslContext().get();
      // With host and port the handler sends SNI and can check the certificate's names.
      p.addLast("tls", ssl.newHandler(ch.alloc(), settings.host(), settings.port()));
    }
    if (settings.webSocketPath().isPresent()) {
      p.addLast("http", new HttpClientCodec());
      p.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
      p.addLast(
          "websocket",
          new WebSocketClientProtocolHandler(
              WebSocketClientHandshakerFactory.newHandshaker(
                  webSocketUri(),
                  WebSocketVersion.V13,
                  "mqtt", // [MQTT-6.0.0-3]
                  false,
                  new DefaultHttpHeaders(),
                  settings.maxPacketSize())));
      p.addLast("websocket-binary", new WebSocketBinaryCodec());
    }
    MqttCodec codec = new MqttCodec(settings.maxPacketSize(), false);
    codec.setProtocolVersion(settings.version());
    p.addLast("mqtt-codec", codec);
    p.addLast("mqtt-client", handler);
  }

  private URI webSocketUri() {
    String scheme = settings.sslContext().isPresent() ? "wss" : "ws";
    try {
      return new URI(
          scheme,
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
}
