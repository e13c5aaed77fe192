package io.petrel.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket endpoint for tests that relays binary frames to a broker's TCP port, for brokers
 * (Petrel today, Debian's Mosquitto) without a WebSocket listener of their own. It records the
 * subprotocol each handshake chose and whether any frame was not binary.
 */
final class WebSocketBridge implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  final List<String> subprotocols = new CopyOnWriteArrayList<>();
  final List<String> nonBinaryFrames = new CopyOnWriteArrayList<>();

  WebSocketBridge(int brokerPort, String path, SslContext tls) throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (tls != null) {
                      ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(
                            new HttpServerCodec(),
                            new HttpObjectAggregator(65_536),
                            new WebSocketServerProtocolHandler(path, "mqtt", false, 1 << 20),
                            new Relay(brokerPort));
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  int port() {
    return ((java.net.InetSocketAddress) server.localAddress()).getPort();
  }

  private final class Relay extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final int brokerPort;
    private Channel backend;
    private final List<ByteBuf> early = new ArrayList<>();

    Relay(int brokerPort) {
      this.brokerPort = brokerPort;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete done) {
        subprotocols.add(String.valueOf(done.selectedSubprotocol()));
        Channel front = ctx.channel();
        new Bootstrap()
            .group(ctx.channel().eventLoop())
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext b, Object msg) {
                    front.writeAndFlush(new BinaryWebSocketFrame((ByteBuf) msg));
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext b) {
                    front.close();
                  }
                })
            .connect("127.0.0.1", brokerPort)
            .addListener(
                f -> {
                  if (!f.isSuccess()) {
                    front.close();
                    return;
                  }
                  backend = ((io.netty.channel.ChannelFuture) f).channel();
                  for (ByteBuf b : early) {
                    backend.write(b);
                  }
                  early.clear();
                  backend.flush();
                });
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (!(frame instanceof BinaryWebSocketFrame)
          && !(frame
              instanceof io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame)) {
        nonBinaryFrames.add(frame.getClass().getSimpleName());
        return;
      }
      ByteBuf content = frame.content().retain();
      if (backend == null) {
        early.add(content);
      } else {
        backend.writeAndFlush(content);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      early.forEach(ByteBuf::release);
      early.clear();
      if (backend != null) {
        backend.close();
      }
    }
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
