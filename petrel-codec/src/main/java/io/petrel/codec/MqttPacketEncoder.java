package io.petrel.codec;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@link MqttPacket} records with {@link MqttEncoder} for the connection's protocol version.
 * Anything else, in particular a {@code ByteBuf}, passes through untouched: the broker encodes a
 * PUBLISH for many subscribers once and writes a retained duplicate to each.
 *
 * <p>A client's version is the one of the CONNECT it writes, so writing a {@link Connect} sets it.
 * A server sets it with {@link #setProtocolVersion} once it has read the client's CONNECT; until
 * then it is 3.1.1, the format in which a CONNACK refusing an unknown protocol level is understood.
 * A packet the version cannot express fails the write with an {@code EncoderException} caused by an
 * {@link IllegalArgumentException}.
 */
public final class MqttPacketEncoder extends MessageToMessageEncoder<MqttPacket> {
  // Set from the connection layer, which may run on another thread than the event loop.
  private volatile ProtocolVersion version;

  public MqttPacketEncoder(ProtocolVersion version) {
    super(MqttPacket.class);
    this.version = Objects.requireNonNull(version, "version");
  }

  public MqttPacketEncoder() {
    this(ProtocolVersion.MQTT_3_1_1);
  }

  public void setProtocolVersion(ProtocolVersion version) {
    this.version = Objects.requireNonNull(version, "version");
  }

  public ProtocolVersion protocolVersion() {
    return version;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, MqttPacket packet, List<Object> out) {
    if (packet instanceof Connect connect) {
      version = connect.version();
    }
    out.add(MqttEncoder.encode(packet, version, ctx.alloc()));
  }
}
