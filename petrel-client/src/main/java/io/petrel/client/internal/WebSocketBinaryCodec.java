package io.petrel.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * MQTT over WebSocket: every MQTT byte travels in binary frames [MQTT-6.0.0-1]; a packet may span
 * frames and a frame may hold several packets [MQTT-6.0.0-2], which the frame decoder after this
 * handler sorts out, since it reads a byte stream. Text frames are a protocol error: they end the
 * connection. Public (in this internal package) so that {@code petrel bench}'s own pipeline can use
 * it too; not API.
 */
public final class WebSocketBinaryCodec extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
  @Override
  protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
    out.add(new BinaryWebSocketFrame(msg.retain()));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
    if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
      out.add(frame.content().retain());
    } else {
      // [MQTT-6.0.0-1]: a client must close the connection when it receives a text frame.
      ctx.close();
    }
  }
}
