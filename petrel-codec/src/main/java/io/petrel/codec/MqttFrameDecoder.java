package io.petrel.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Cuts the inbound byte stream into MQTT packets and decodes them into {@link MqttPacket} records.
 *
 * <p>Errors are values: on the first broken rule it passes a {@link DecodeFailure} up the pipeline
 * instead of throwing, and from then on discards all input, because after a malformed packet the
 * stream has no trustworthy packet boundaries left. The connection layer decides how to close.
 *
 * <p>A packet larger than the maximum size is refused as soon as its fixed header is read, before
 * any of its body is buffered, so a peer cannot make the server hold a huge packet in memory.
 *
 * <p>On the server side the first packet must be CONNECT [MQTT-3.1.0-1]; its protocol version
 * becomes the version the rest of the connection is decoded with. On the client side the first must
 * be CONNACK or AUTH [MQTT-3.2.0-1]. A second CONNECT is decoded and passed on: refusing it
 * [MQTT-3.1.0-2] is the connection's job. The client side is told the version it connected with by
 * {@link #setProtocolVersion}.
 *
 * <p>Not final: {@link MqttCodec} adds the encoder to it, in one pipeline handler.
 */
public class MqttFrameDecoder extends ByteToMessageDecoder {
  private final boolean serverSide;
  private final PacketDecoder packetDecoder;
  // Set from the connection layer, which may run on another thread than the event loop.
  private volatile int maxPacketSize;
  private volatile ProtocolVersion version = ProtocolVersion.MQTT_3_1_1;
  // Whether the first packet, CONNECT from a client or CONNACK from a server, has been decoded.
  private boolean opened;
  private boolean failed;

  /**
   * @param maxPacketSize the largest packet accepted, in bytes including the fixed header
   * @param serverSide true in a broker (decodes packets from clients), false in a client
   * @param syntax the wildcard characters a PUBLISH topic must not contain
   */
  public MqttFrameDecoder(int maxPacketSize, boolean serverSide, WildcardSyntax syntax) {
    this.serverSide = serverSide;
    this.packetDecoder = new PacketDecoder(serverSide, syntax);
    setMaxPacketSize(maxPacketSize);
  }

  public MqttFrameDecoder(int maxPacketSize, boolean serverSide) {
    this(maxPacketSize, serverSide, WildcardSyntax.DEFAULT);
  }

  /**
   * Sets the version packets are decoded with. A client sets the version of its CONNECT; a server
   * learns it from the CONNECT it receives. Until then it is 3.1.1.
   */
  public void setProtocolVersion(ProtocolVersion version) {
    this.version = Objects.requireNonNull(version, "version");
  }

  public ProtocolVersion protocolVersion() {
    return version;
  }

  public void setMaxPacketSize(int maxPacketSize) {
    if (maxPacketSize < 2) {
      throw new IllegalArgumentException(
          "maximum packet size must be at least 2: " + maxPacketSize);
    }
    this.maxPacketSize = maxPacketSize;
  }

  public int maxPacketSize() {
    return maxPacketSize;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int start = in.readerIndex();
    int readable = in.readableBytes();
    int firstByte = in.getUnsignedByte(start);
    if (!opened && !mayOpen(firstByte >> 4)) {
      fail(in, out, firstPacketFailure(firstByte >> 4));
      return;
    }
    // Remaining length: a variable byte integer of at most four bytes [MQTT-1.5.5-1]. A fourth
    // byte that still says "more follows" is refused without waiting for a fifth.
    int remaining = 0;
    int headerSize = 0;
    for (int i = 0; i < 4 && headerSize == 0; i++) {
      if (readable < 2 + i) {
        return; // wait for the rest of the fixed header
      }
      int b = in.getUnsignedByte(start + 1 + i);
      remaining |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          fail(
              in,
              out,
              failure(
                  ReasonCode.MALFORMED_PACKET,
                  "MQTT-1.5.5-1",
                  "remaining length is not in the fewest bytes possible"));
          return;
        }
        headerSize = 2 + i;
      }
    }
    if (headerSize == 0) {
      fail(
          in,
          out,
          failure(
              ReasonCode.MALFORMED_PACKET,
              "MQTT-1.5.5-1",
              "remaining length is longer than four bytes"));
      return;
    }
    long packetSize = (long) headerSize + remaining;
    if (packetSize > maxPacketSize) {
      // [MQTT-3.2.2-15]: a client must respect the server's maximum; [MQTT-3.1.2-24] the reverse.
      fail(
          in,
          out,
          new DecodeFailure(
              ReasonCode.PACKET_TOO_LARGE,
              serverSide ? "MQTT-3.2.2-15" : "MQTT-3.1.2-24",
              "packet of "
                  + packetSize
                  + " bytes exceeds the maximum packet size of "
                  + maxPacketSize,
              packetSize));
      return;
    }
    if (readable < packetSize) {
      return; // wait for the whole body
    }
    ByteBuf body = in.slice(start + headerSize, remaining);
    MqttPacket packet;
    try {
      packet = packetDecoder.decode(firstByte, body, version);
    } catch (MalformedPacketException e) {
      fail(in, out, DecodeFailure.of(e));
      return;
    } catch (RuntimeException e) {
      // A bug of ours, not the peer's; still an answer, never an exception up the pipeline.
      fail(in, out, failure(ReasonCode.MALFORMED_PACKET, "MQTT-4.13", "cannot decode: " + e));
      return;
    }
    in.readerIndex(start + (int) packetSize);
    if (!opened && packet instanceof Connect connect) {
      opened = true;
      version = connect.version();
    } else if (packet instanceof ConnAck) {
      opened = true; // AUTH may come before it, nothing else [MQTT-3.2.0-1]
    }
    out.add(packet);
  }

  private void fail(ByteBuf in, List<Object> out, DecodeFailure failure) {
    failed = true;
    in.skipBytes(in.readableBytes());
    out.add(failure);
  }

  private static DecodeFailure failure(ReasonCode reasonCode, String rule, String message) {
    return new DecodeFailure(reasonCode, rule, message, -1);
  }

  /**
   * The first packet from a client must be CONNECT [MQTT-3.1.0-1]; the first from a server must be
   * CONNACK, or AUTH during enhanced authentication [MQTT-3.2.0-1].
   */
  private boolean mayOpen(int type) {
    return serverSide
        ? type == PacketType.CONNECT.value()
        : type == PacketType.CONNACK.value() || type == PacketType.AUTH.value();
  }

  private DecodeFailure firstPacketFailure(int type) {
    PacketType t = PacketType.ofValue(type);
    String name = t == null ? "reserved type 0" : t.name();
    return serverSide
        ? failure(
            ReasonCode.PROTOCOL_ERROR,
            "MQTT-3.1.0-1",
            "the first packet from a client must be CONNECT, not " + name)
        : failure(
            ReasonCode.PROTOCOL_ERROR,
            "MQTT-3.2.0-1",
            "the first packet from a server must be CONNACK, not " + name);
  }
}
