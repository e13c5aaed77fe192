package io.petrel.broker.store.rocksdb;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.petrel.broker.routing.Message;
import io.petrel.codec.MalformedPacketException;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.PacketDecoder;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A routed message as stored bytes. The message itself is kept as the MQTT 5 PUBLISH that carries
 * it, encoded by the codec (so the store's format follows a published specification and every
 * property is kept), behind a small header:
 *
 * <pre>
 * version (1 byte) | expires at, epoch ms, 0 if never (8) | publisher id length (2) | publisher id
 * (UTF-8) | MQTT 5 PUBLISH packet
 * </pre>
 */
final class MessageCodec {
  static final byte VERSION = 1;

  private MessageCodec() {}

  static byte[] encode(Message m) {
    // QoS 1/2 PUBLISH packets need a packet id; 1 stands in, it is not part of the message.
    int packetId = m.qos().value() == 0 ? 0 : 1;
    byte[] publish =
        MqttEncoder.encodeToArray(
            new Publish(
                m.topic().value(),
                m.payload(),
                m.qos(),
                m.retain(),
                false,
                packetId,
                m.properties()),
            ProtocolVersion.MQTT_5);
    byte[] publisher = m.publisherId().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(1 + 8 + 2 + publisher.length + publish.length);
    out.put(VERSION).putLong(m.expiresAtEpochMillis()).putShort((short) publisher.length);
    out.put(publisher).put(publish);
    return out.array();
  }

  /**
   * @throws StoreException if the bytes are not a stored message: the store is damaged
   */
  static Message decode(byte[] bytes, WildcardSyntax syntax) {
    return decode(bytes, syntax, null);
  }

  /**
   * Decodes with the topic and publisher shared with the other messages of a load.
   *
   * @throws StoreException if the bytes are not a stored message: the store is damaged
   */
  static Message decode(byte[] bytes, Canonical canonical) {
    return decode(bytes, canonical.syntax(), canonical);
  }

  // canonical: null to decode one message on its own, with nothing to share.
  private static Message decode(byte[] bytes, WildcardSyntax syntax, Canonical canonical) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new StoreException("a stored message has unknown format version " + version);
      }
      long expiresAt = in.getLong();
      byte[] publisher = new byte[in.getShort() & 0xFFFF];
      in.get(publisher);
      ByteBuf packet = Unpooled.wrappedBuffer(bytes, in.position(), bytes.length - in.position());
      int firstByte = packet.readUnsignedByte();
      skipRemainingLength(packet);
      MqttPacket decoded =
          new PacketDecoder(false, syntax).decode(firstByte, packet, ProtocolVersion.MQTT_5);
      Publish p = (Publish) decoded;
      String publisherId = new String(publisher, StandardCharsets.UTF_8);
      return Message.restored(
          canonical == null ? TopicName.of(p.topic(), syntax) : canonical.topic(p.topic()),
          p.payload(),
          p.qos(),
          p.retain(),
          p.properties(),
          canonical == null ? publisherId : canonical.string(publisherId),
          expiresAt);
    } catch (MalformedPacketException | RuntimeException e) {
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("a stored message cannot be read: " + e.getMessage(), e);
    }
  }

  private static void skipRemainingLength(ByteBuf packet) {
    int digit;
    do {
      digit = packet.readUnsignedByte();
    } while ((digit & 0x80) != 0);
  }
}
