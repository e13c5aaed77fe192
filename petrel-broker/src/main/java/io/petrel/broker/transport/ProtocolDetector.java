package io.petrel.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.petrel.broker.connection.Disconnector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells from the first bytes of a connection what it speaks, sets the pipeline up for it and steps
 * aside: a TLS ClientHello (0x16) gets TLS and, inside it, another detector; {@code GET } gets the
 * WebSocket handshake; 0x10, the CONNECT packet type, gets plain MQTT. Anything else, or a protocol
 * the listener does not offer, closes the connection with a log line naming the address. This is
 * how one port serves MQTT, WebSocket and (on a TLS listener) their TLS forms, as ActiveMQ Artemis
 * does.
 */
final class ProtocolDetector extends ByteToMessageDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolDetector.class);
  private static final int TLS_HANDSHAKE_RECORD = 0x16;
  private static final int MQTT_CONNECT = 0x10;
  private static final byte[] HTTP_GET = "GET ".getBytes(StandardCharsets.US_ASCII);

  private final ListenerPipeline listener;
  private final boolean insideTls;
  private boolean rejected;

  ProtocolDetector(ListenerPipeline listener, boolean insideTls) {
    this.listener = listener;
    this.insideTls = insideTls;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (rejected) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int first = in.getUnsignedByte(in.readerIndex());
    boolean tlsRequired = listener.tls().isPresent() && !insideTls;
    if (first == TLS_HANDSHAKE_RECORD && !insideTls) {
      if (listener.tls().isEmpty()) {
        reject(ctx, in, "TLS on a listener without TLS (it has no certfile and keyfile)");
        return;
      }
      listener.addTls(ctx);
    } else if (tlsRequired) {
      reject(ctx, in, "not TLS, but the listener accepts TLS connections only");
      return;
    } else if (first == MQTT_CONNECT) {
      if (!listener.acceptsPlainMqtt()) {
        reject(ctx, in, "MQTT without WebSocket on a listener with protocol websockets");
        return;
      }
      // The MQTT decoder is already next in the pipeline.
    } else if (startsLikeGet(in)) {
      if (in.readableBytes() < HTTP_GET.length) {
        return; // wait for the rest of "GET "
      }
      listener.addWebSocket(ctx);
    } else {
      reject(ctx, in, "not MQTT, WebSocket or TLS");
      return;
    }
    // Removing a decoder hands the bytes it holds to the handlers just added after it.
    ctx.pipeline().remove(this);
  }

  private static boolean startsLikeGet(ByteBuf in) {
    int n = Math.min(in.readableBytes(), HTTP_GET.length);
    for (int i = 0; i < n; i++) {
      if (in.getByte(in.readerIndex() + i) != HTTP_GET[i]) {
        return false;
      }
    }
    return true;
  }

  private void reject(ChannelHandlerContext ctx, ByteBuf in, String why) {
    rejected = true;
    String firstBytes =
        ByteBufUtil.hexDump(in, in.readerIndex(), Math.min(in.readableBytes(), 8))
            .replaceAll("(..)(?!$)", "$1 ");
    LOG.info(
        "Closed connection from {} on listener {}: {} (first bytes {})",
        Disconnector.address(ctx.channel().remoteAddress()),
        listener.name(),
        why,
        firstBytes);
    in.skipBytes(in.readableBytes());
    ctx.close();
  }
}
