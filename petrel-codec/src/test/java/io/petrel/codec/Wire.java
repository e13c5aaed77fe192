package io.petrel.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helpers that move packets between records, hex strings and an embedded pipeline. */
final class Wire {
  static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
  static final int MAX_PACKET_SIZE = 1 << 20;

  private Wire() {}

  /** Hex digits to bytes; spaces are ignored. */
  static byte[] bytes(String hex) {
    return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
  }

  /** Encodes a packet and returns its bytes as lower-case hex, checking encodedSize on the way. */
  static String encodeHex(MqttPacket packet, ProtocolVersion version) {
    ByteBuf buf = MqttEncoder.encode(packet, version, ALLOC);
    try {
      if (buf.readableBytes() != MqttEncoder.encodedSize(packet, version)) {
        throw new AssertionError(
            "encodedSize "
                + MqttEncoder.encodedSize(packet, version)
                + " != "
                + buf.readableBytes());
      }
      return ByteBufUtil.hexDump(buf);
    } finally {
      buf.release();
    }
  }

  static byte[] encode(MqttPacket packet, ProtocolVersion version) {
    return bytes(encodeHex(packet, version));
  }

  /** A minimal CONNECT of the version, to open a server-side connection. */
  static Connect connect(ProtocolVersion version) {
    return new Connect(
        version,
        "c",
        true,
        60,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        MqttProperties.EMPTY);
  }

  static EmbeddedChannel serverChannel() {
    return new EmbeddedChannel(new MqttFrameDecoder(MAX_PACKET_SIZE, true));
  }

  /** A client-side channel that has already received its CONNACK. */
  static EmbeddedChannel clientChannel(ProtocolVersion version, int maxPacketSize) {
    MqttFrameDecoder decoder = new MqttFrameDecoder(maxPacketSize, false);
    decoder.setProtocolVersion(version);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    feed(channel, encode(new ConnAck(false, ReasonCode.SUCCESS, MqttProperties.EMPTY), version));
    return channel;
  }

  static EmbeddedChannel clientChannel(ProtocolVersion version) {
    return clientChannel(version, MAX_PACKET_SIZE);
  }

  /** Feeds each chunk as its own read and returns everything the decoder passed on. */
  static List<Object> feed(EmbeddedChannel channel, byte[]... chunks) {
    for (byte[] chunk : chunks) {
      channel.writeInbound(channel.alloc().buffer(chunk.length).writeBytes(chunk));
    }
    List<Object> decoded = new ArrayList<>();
    for (Object o; (o = channel.readInbound()) != null; ) {
      decoded.add(o);
    }
    return decoded;
  }

  /**
   * What a server of the version decodes from the bytes, after the client's CONNECT, which is left
   * out of the result. Bytes that are themselves a CONNECT are fed to a fresh connection.
   */
  static List<Object> decodeAsServer(ProtocolVersion version, byte[] bytes) {
    EmbeddedChannel channel = serverChannel();
    try {
      if (bytes.length > 0 && (bytes[0] & 0xF0) == 0x10) {
        return feed(channel, bytes);
      }
      List<Object> decoded = feed(channel, encode(connect(version), version), bytes);
      decoded.remove(0);
      return decoded;
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  /**
   * What a client of the version decodes from the bytes, after a CONNACK. Bytes that are themselves
   * a CONNACK are fed to a fresh connection.
   */
  static List<Object> decodeAsClient(ProtocolVersion version, byte[] bytes) {
    if (bytes.length > 0 && (bytes[0] & 0xF0) == 0x20) {
      MqttFrameDecoder decoder = new MqttFrameDecoder(MAX_PACKET_SIZE, false);
      decoder.setProtocolVersion(version);
      EmbeddedChannel fresh = new EmbeddedChannel(decoder);
      try {
        return feed(fresh, bytes);
      } finally {
        fresh.finishAndReleaseAll();
      }
    }
    EmbeddedChannel channel = clientChannel(version);
    try {
      return feed(channel, bytes);
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  static Object decodeOne(ProtocolVersion version, boolean serverSide, byte[] bytes) {
    List<Object> decoded =
        serverSide ? decodeAsServer(version, bytes) : decodeAsClient(version, bytes);
    if (decoded.size() != 1) {
      throw new AssertionError("expected one message, got " + decoded);
    }
    return decoded.get(0);
  }
}
