package io.petrel.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Writes packets as exact bytes for a protocol version.
 *
 * <p>MQTT 3 is a view of the MQTT 5 model: for 3.1 and 3.1.1 properties are dropped, CONNACK reason
 * codes become return codes, SUBACK failures become 0x80 and ack reason codes disappear (3.1.1 has
 * only the positive ack). What 3.1.1 cannot express at all is refused with an {@link
 * IllegalArgumentException}: AUTH, a DISCONNECT with a reason, a password without a user name.
 *
 * <p>A large PUBLISH payload is not copied: the result is a composite of a small header buffer and
 * the payload's own array, so one payload can go to many subscribers at the cost of one header
 * each. A small payload is copied into the header's buffer instead: the composite's bookkeeping
 * (about 480 bytes of garbage and 250 ns per packet, bench/RESULTS.md) costs more than copying a
 * few hundred bytes.
 */
public final class MqttEncoder {
  /** Payloads of at least this many bytes are referenced, not copied. */
  public static final int ZERO_COPY_THRESHOLD = 1024;

  private MqttEncoder() {}

  /**
   * Encodes a packet. The caller owns the returned buffer.
   *
   * @throws IllegalArgumentException if the packet cannot be written in that version
   */
  public static ByteBuf encode(MqttPacket packet, ProtocolVersion version, ByteBufAllocator alloc) {
    int body = bodySize(packet, version); // validates before anything is allocated
    int header = 1 + MqttDataTypes.variableByteIntegerSize(body);
    if (packet instanceof Publish publish && publish.payload().length() >= ZERO_COPY_THRESHOLD) {
      ByteBuf head = alloc.buffer(header + body - publish.payload().length());
      try {
        writeFixedHeader(head, packet, body);
        PublishEncoder.writePublishHeader(head, publish, version);
      } catch (RuntimeException e) {
        head.release();
        throw e;
      }
      CompositeByteBuf composite = alloc.compositeBuffer(2);
      composite.addComponents(true, head, Unpooled.wrappedBuffer(publish.payload().unsafeArray()));
      return composite;
    }
    ByteBuf out = alloc.buffer(header + body);
    try {
      writeFixedHeader(out, packet, body);
      writeBody(out, packet, version);
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
    return out;
  }

  /**
   * Encodes a packet into a new array, for bytes that are written to many connections (a broker's
   * QoS 0 fan-out) and so must not be tied to one buffer's reference count.
   *
   * @throws IllegalArgumentException if the packet cannot be written in that version
   */
  public static byte[] encodeToArray(MqttPacket packet, ProtocolVersion version) {
    ByteBuf buf = encode(packet, version, HEAP);
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  private static final ByteBufAllocator HEAP = new UnpooledByteBufAllocator(false);

  /**
   * The exact number of bytes {@link #encode} writes, fixed header included: what to compare with
   * the peer's Maximum Packet Size before sending [MQTT-3.1.2-24][MQTT-3.2.2-15].
   *
   * @throws IllegalArgumentException if the packet cannot be written in that version
   */
  public static int encodedSize(MqttPacket packet, ProtocolVersion version) {
    int body = bodySize(packet, version);
    return 1 + MqttDataTypes.variableByteIntegerSize(body) + body;
  }

  private static int bodySize(MqttPacket packet, ProtocolVersion version) {
    long size =
        switch (packet.type()) {
          case CONNECT -> ConnectEncoder.connectBodySize((Connect) packet, version);
          case CONNACK -> ConnectEncoder.connAckBodySize((ConnAck) packet, version);
          case PUBLISH -> {
            Publish p = (Publish) packet;
            yield (long) PublishEncoder.publishHeaderSize(p, version) + p.payload().length();
          }
          case PUBACK, PUBREC, PUBREL, PUBCOMP -> {
            Ack a = Ack.of(packet);
            yield PublishEncoder.ackBodySize(a.type(), a.reasonCode(), a.properties(), version);
          }
          case SUBSCRIBE -> SubscribeEncoder.subscribeBodySize((Subscribe) packet, version);
          case SUBACK -> SubscribeEncoder.subAckBodySize((SubAck) packet, version);
          case UNSUBSCRIBE -> SubscribeEncoder.unsubscribeBodySize((Unsubscribe) packet, version);
          case UNSUBACK -> SubscribeEncoder.unsubAckBodySize((UnsubAck) packet, version);
          case PINGREQ, PINGRESP -> 0;
          case DISCONNECT -> disconnectBodySize((Disconnect) packet, version);
          case AUTH -> authBodySize((Auth) packet, version);
        };
    if (size > MqttDataTypes.MAX_VARIABLE_BYTE_INTEGER) {
      throw new IllegalArgumentException(
          packet.type() + " of " + size + " bytes exceeds the largest remaining length");
    }
    return (int) size;
  }

  private static void writeBody(ByteBuf out, MqttPacket packet, ProtocolVersion version) {
    switch (packet.type()) {
      case CONNECT -> ConnectEncoder.writeConnect(out, (Connect) packet, version);
      case CONNACK -> ConnectEncoder.writeConnAck(out, (ConnAck) packet, version);
      // Only a PUBLISH with a payload under the zero-copy threshold gets here: it is copied.
      case PUBLISH -> {
        Publish publish = (Publish) packet;
        PublishEncoder.writePublishHeader(out, publish, version);
        out.writeBytes(publish.payload().unsafeArray());
      }
      case PUBACK, PUBREC, PUBREL, PUBCOMP -> {
        Ack a = Ack.of(packet);
        PublishEncoder.writeAck(
            out, a.type(), a.packetId(), a.reasonCode(), a.properties(), version);
      }
      case SUBSCRIBE -> SubscribeEncoder.writeSubscribe(out, (Subscribe) packet, version);
      case SUBACK -> SubscribeEncoder.writeSubAck(out, (SubAck) packet, version);
      case UNSUBSCRIBE -> SubscribeEncoder.writeUnsubscribe(out, (Unsubscribe) packet, version);
      case UNSUBACK -> SubscribeEncoder.writeUnsubAck(out, (UnsubAck) packet, version);
      case PINGREQ, PINGRESP -> {}
      case DISCONNECT -> {
        Disconnect d = (Disconnect) packet;
        writeReasonAndProperties(out, d.type(), d.reasonCode(), d.properties(), version);
      }
      case AUTH -> {
        Auth a = (Auth) packet;
        writeReasonAndProperties(out, a.type(), a.reasonCode(), a.properties(), version);
      }
    }
  }

  /** The common shape of PUBACK, PUBREC, PUBREL and PUBCOMP. */
  private record Ack(
      PacketType type, int packetId, ReasonCode reasonCode, MqttProperties properties) {
    static Ack of(MqttPacket packet) {
      if (packet instanceof PubAck a) {
        return new Ack(a.type(), a.packetId(), a.reasonCode(), a.properties());
      } else if (packet instanceof PubRec a) {
        return new Ack(a.type(), a.packetId(), a.reasonCode(), a.properties());
      } else if (packet instanceof PubRel a) {
        return new Ack(a.type(), a.packetId(), a.reasonCode(), a.properties());
      } else if (packet instanceof PubComp a) {
        return new Ack(a.type(), a.packetId(), a.reasonCode(), a.properties());
      }
      throw new IllegalArgumentException(packet.type() + " is not a publish acknowledgement");
    }
  }

  private static void writeFixedHeader(ByteBuf out, MqttPacket packet, int bodySize) {
    int flags =
        switch (packet.type()) {
          case PUBLISH -> PublishEncoder.publishFlags((Publish) packet);
          case PUBREL, SUBSCRIBE, UNSUBSCRIBE ->
              0x02; // [MQTT-3.6.1-1][MQTT-3.8.1-1][MQTT-3.10.1-1]
          default -> 0;
        };
    out.writeByte(packet.type().value() << 4 | flags);
    MqttDataTypes.writeVariableByteInteger(out, bodySize);
  }

  /** MQTT 3.1.1 DISCONNECT is only "I am leaving normally"; it has no body. */
  private static int disconnectBodySize(Disconnect d, ProtocolVersion version) {
    if (!version.isMqtt5()) {
      if (d.reasonCode().value() != 0) {
        throw new IllegalArgumentException(
            "MQTT " + version + " DISCONNECT cannot carry reason " + d.reasonCode());
      }
      return 0;
    }
    return reasonAndPropertiesSize(d.type(), d.reasonCode(), d.properties());
  }

  private static int authBodySize(Auth a, ProtocolVersion version) {
    if (!version.isMqtt5()) {
      throw new IllegalArgumentException("AUTH does not exist in MQTT " + version);
    }
    return reasonAndPropertiesSize(a.type(), a.reasonCode(), a.properties());
  }

  /** DISCONNECT and AUTH leave out both when the reason is 0x00 and there are no properties. */
  private static int reasonAndPropertiesSize(PacketType type, ReasonCode code, MqttProperties p) {
    checkReasonCode(code, type);
    return code.value() == 0 && p.isEmpty() ? 0 : 1 + PropertiesEncoder.size(p, type, false);
  }

  private static void writeReasonAndProperties(
      ByteBuf out, PacketType type, ReasonCode code, MqttProperties p, ProtocolVersion version) {
    if (version.isMqtt5() && (code.value() != 0 || !p.isEmpty())) {
      out.writeByte(code.value());
      PropertiesEncoder.write(out, p, type, false);
    }
  }

  /** Refuses a reason code whose value the packet may not carry (MQTT 5.0 section 2.4). */
  static void checkReasonCode(ReasonCode code, PacketType type) {
    if (ReasonCode.of(code.value(), type).isEmpty()) {
      throw new IllegalArgumentException(code + " is not a " + type + " reason code");
    }
  }
}
