package io.petrel.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.petrel.broker.connection.Disconnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT over WebSocket: the content of binary frames (and their continuation frames) goes to the
 * MQTT decoder as a byte stream, so a packet split across frames and several packets in one frame
 * both decode; what the broker writes goes out as binary frames. MQTT over WebSocket is binary
 * only, so a text frame closes the connection with 1003 (unsupported data).
 */
final class MqttWebSocketHandler extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MqttWebSocketHandler.class);

  private final String listener;
  private boolean closing;

  MqttWebSocketHandler(String listener) {
    this.listener = listener;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      ReferenceCountUtil.release(msg);
    } else if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
      // A continuation can only follow a binary frame here: a text frame closes at once.
      ctx.fireChannelRead(((WebSocketFrame) msg).content());
    } else if (msg instanceof TextWebSocketFrame text) {
      text.release();
      closing = true;
      LOG.info(
          "Closed WebSocket connection from {} on listener {}: a text frame; MQTT needs binary"
              + " frames",
          Disconnector.address(ctx.channel().remoteAddress()),
          listener);
      ctx.writeAndFlush(
              new CloseWebSocketFrame(
                  WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "MQTT needs binary frames"))
          .addListener(ChannelFutureListener.CLOSE);
    } else if (msg instanceof FullHttpRequest request) {
      // The WebSocket handler passes on requests for other paths.
      String uri = request.uri();
      request.release();
      notFound(ctx, uri);
    } else if (msg instanceof WebSocketFrame other) {
      other.release(); // ping, pong and close are answered by Netty's WebSocket handler
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void notFound(ChannelHandlerContext ctx, String uri) {
    closing = true;
    LOG.info(
        "Closed connection from {} on listener {}: HTTP request for {}, not the WebSocket path",
        Disconnector.address(ctx.channel().remoteAddress()),
        listener,
        uri);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf bytes) {
      ctx.write(new BinaryWebSocketFrame(bytes), promise);
    } else {
      ctx.write(msg, promise);
    }
  }
}
