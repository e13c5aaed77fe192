package io.petrel.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import java.net.SocketAddress;

/**
 * {@link MqttFrameDecoder} and {@link MqttPacketEncoder} in one pipeline handler, both with the one
 * protocol version of the connection: the server's decoder learns it from the CONNECT it reads, and
 * a client's from the CONNECT it writes. One handler instead of two saves every connection a
 * handler context and an encoder (about 90 bytes, which counts with a million idle connections),
 * and a write skips the encoder's message list.
 *
 * <p>Like {@link MqttPacketEncoder}, it writes {@link MqttPacket} records and lets anything else,
 * in particular a {@code ByteBuf} encoded once for many subscribers, pass through untouched. A
 * packet the version cannot express fails the write with an {@link EncoderException}.
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
