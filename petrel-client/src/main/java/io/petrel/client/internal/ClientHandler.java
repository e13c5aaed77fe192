package io.petrel.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.petrel.codec.DecodeFailure;
import io.petrel.codec.MqttPacket;

/**
 * The end of one connection's pipeline: tells the {@link ConnectionLifecycle} when MQTT may start
 * (TCP or TLS connected, or the WebSocket handshake done), what arrives and when the channel is
 * gone. One per channel, so the lifecycle can tell a stale channel's events from the current one's.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
  private final ConnectionLifecycle connection;
  private final boolean webSocket;
  private Throwable cause;

  ClientHandler(ConnectionLifecycle connection, boolean webSocket) {
    this.connection = connection;
    this.webSocket = webSocket;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (!webSocket) {
      connection.transportReady(ctx.channel());
    }
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      connection.transportReady(ctx.channel());
    } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      cause = new java.io.IOException("WebSocket handshake timed out");
      ctx.close();
    } else if (evt instanceof IdleStateEvent) {
      connection.writerIdle(ctx.channel());
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof MqttPacket packet) {
      connection.received(ctx.channel(), packet);
    } else if (msg instanceof DecodeFailure failure) {
      connection.malformed(ctx.channel(), failure);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.channelClosed(ctx.channel(), cause);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
    if (cause == null) {
      cause = error;
    }
    ctx.close();
  }
}
