package io.petrel.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import java.net.SocketAddress;

/**
 * The MQTT pipeline handler of a connection, server or client: {@link MqttFrameDecoder} for what it
 * reads, and for what it writes an encoder, both with the one protocol version of the connection.
 * The server's learns it from the CONNECT it reads, a client's from the CONNECT it writes (or
 * {@link #setProtocolVersion}). One handler instead of a decoder and an encoder saves every
 * connection a handler context and an encoder object (about 90 bytes, which counts with a million
 * idle connections), and a write skips an encoder's message list.
 *
 * <p>It writes {@link MqttPacket} records and lets anything else, in particular a {@code ByteBuf}
 * the broker encoded once for many subscribers, pass through untouched. A packet the version cannot
 * express fails the write with an {@link EncoderException} caused by an {@link
 * IllegalArgumentException}.
 */
public final class MqttCodec extends MqttFrameDecoder implements ChannelOutboundHandler {

  /**
   * @param maxPacketSize the largest packet accepted, in bytes including the fixed header
   * @param serverSide true in a broker (decodes packets from clients), false in a client
   * @param syntax the wildcard characters a PUBLISH topic must not contain
   */
  public MqttCodec(int maxPacketSize, boolean serverSide, WildcardSyntax syntax) {
    super(maxPacketSize, serverSide, syntax);
  }

  public MqttCodec(int maxPacketSize, boolean serverSide) {
    this(maxPacketSize, serverSide, WildcardSyntax.DEFAULT);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof MqttPacket packet)) {
      ctx.write(msg, promise);
      return;
    }
    if (packet instanceof Connect connect) {
      setProtocolVersion(connect.version());
    }
    Object encoded;
    try {
      encoded = MqttEncoder.encode(packet, protocolVersion(), ctx.alloc());
    } catch (RuntimeException e) {
      promise.setFailure(new EncoderException(e));
      return;
    }
    ctx.write(encoded, promise);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void read(ChannelHandlerContext ctx) {
    ctx.read();
  }

  @Override
  public void bind(ChannelHandlerContext ctx, SocketAddress local, ChannelPromise promise) {
    ctx.bind(local, promise);
  }

  @Override
  public void connect(
      ChannelHandlerContext ctx,
      SocketAddress remote,
      SocketAddress local,
      ChannelPromise promise) {
    ctx.connect(remote, local, promise);
  }

  @Override
  public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
    ctx.disconnect(promise);
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    ctx.close(promise);
  }

  @Override
  public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
    ctx.deregister(promise);
  }
}
