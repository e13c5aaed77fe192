package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Decodes one packet from its fixed-header first byte and its body, strictly: every rule of the
 * spec that can be checked from the bytes alone is checked here, so the layers above only ever see
 * well-formed packets. Rules that need connection state (topic alias maximum, receive maximum, a
 * second CONNECT [MQTT-3.1.0-2]) are the connection's.
 *
 * <p>Binary fields and payloads are copied out of the buffer; the result holds no reference to it.
 */
public final class PacketDecoder {
  private final boolean serverSide;
  private final WildcardSyntax syntax;

  /**
   * @param serverSide true to decode what a server receives (packets from clients), false for what
   *     a client receives
   * @param syntax the wildcard characters a PUBLISH topic name must not contain [MQTT-3.3.2-2]
   */
  public PacketDecoder(boolean serverSide, WildcardSyntax syntax) {
    this.serverSide = serverSide;
    this.syntax = Objects.requireNonNull(syntax, "syntax");
  }

  public PacketDecoder(boolean serverSide) {
    this(serverSide, WildcardSyntax.DEFAULT);
  }

  /**
   * Decodes a packet body.
   *
   * @param firstByte the first byte of the fixed header: packet type and flags
   * @param body exactly the remaining-length bytes of the packet; read to its end
   * @param version the connection's protocol version; a CONNECT states its own and ignores it
   * @throws MalformedPacketException naming the reason code and the spec rule that is broken
   */
  public MqttPacket decode(int firstByte, ByteBuf body, ProtocolVersion version)
      throws MalformedPacketException {
    PacketType type = PacketType.ofValue((firstByte >> 4) & 0x0F);
    int flags = firstByte & 0x0F;
    if (type == PacketType.CONNECT) {
      try {
        checkDirection(type, version);
      } catch (MalformedPacketException e) {
        throw SpecRules.forVersion(e, version);
      }
      Connect connect = ConnectDecoder.decode(flags, body);
      try {
        checkConsumed(body, type);
      } catch (MalformedPacketException e) {
        throw SpecRules.forVersion(e, connect.version());
      }
      return connect;
    }
    try {
      MqttPacket packet = decodeOther(type, flags, body, version);
      checkConsumed(body, type);
      return packet;
    } catch (MalformedPacketException e) {
      throw SpecRules.forVersion(e, version);
    }
  }

  private MqttPacket decodeOther(PacketType type, int flags, ByteBuf body, ProtocolVersion version)
      throws MalformedPacketException {
    // Type 0 is reserved, and so is 15 before MQTT 5 gave it to AUTH.
    if (type == null || (type == PacketType.AUTH && !version.isMqtt5())) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-2.1.2", "reserved packet type " + (type == null ? 0 : 15));
    }
    checkDirection(type, version);
    if (type != PacketType.PUBLISH) {
      checkFlags(type, flags, version);
    }
    return switch (type) {
      case CONNECT -> throw new IllegalStateException("decoded above");
      case CONNACK -> ConnAckDecoder.decode(body, version);
      case PUBLISH -> PublishDecoder.decode(flags, body, version, serverSide, syntax);
      case PUBACK, PUBREC, PUBREL, PUBCOMP -> AckDecoder.decode(type, body, version);
      case SUBSCRIBE -> SubscribeDecoder.decodeSubscribe(body, version);
      case SUBACK -> SubAckDecoder.decodeSubAck(body, version);
      case UNSUBSCRIBE -> SubscribeDecoder.decodeUnsubscribe(body, version);
      case UNSUBACK -> SubAckDecoder.decodeUnsubAck(body, version);
      case PINGREQ -> PingReq.INSTANCE;
      case PINGRESP -> PingResp.INSTANCE;
      case DISCONNECT -> DisconnectDecoder.decodeDisconnect(body, version, serverSide);
      case AUTH -> DisconnectDecoder.decodeAuth(body);
    };
  }

  /** A packet that only flows the other way is a protocol error (MQTT 5.0 section 2.1.2). */
  private void checkDirection(PacketType type, ProtocolVersion version)
      throws MalformedPacketException {
    boolean allowed =
        switch (type) {
          case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ -> serverSide;
          case CONNACK, SUBACK, UNSUBACK, PINGRESP -> !serverSide;
          // Before MQTT 5 only the client sends DISCONNECT.
          case DISCONNECT -> serverSide || version.isMqtt5();
          default -> true;
        };
    if (!allowed) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR,
          "MQTT-2.1.2",
          (serverSide ? "a server must not receive " : "a client must not receive ") + type);
    }
  }

  /**
   * Reserved fixed-header flags must be exactly as listed: 0010 for PUBREL, SUBSCRIBE and
   * UNSUBSCRIBE, 0000 for the rest [MQTT-2.1.3-1]. MQTT 3.1 used a DUP bit on the 0010 packets when
   * it resent them, so for 3.1 that one bit is let through.
   */
  private static void checkFlags(PacketType type, int flags, ProtocolVersion version)
      throws MalformedPacketException {
    int expected = 0;
    int mask = 0x0F;
    String rule = "MQTT-2.1.3-1";
    switch (type) {
      case PUBREL -> rule = "MQTT-3.6.1-1";
      case SUBSCRIBE -> rule = "MQTT-3.8.1-1";
      case UNSUBSCRIBE -> rule = "MQTT-3.10.1-1";
      case DISCONNECT -> rule = "MQTT-3.14.1-1";
      case AUTH -> rule = "MQTT-3.15.1-1";
      default -> {}
    }
    if (type == PacketType.PUBREL
        || type == PacketType.SUBSCRIBE
        || type == PacketType.UNSUBSCRIBE) {
      expected = 0x02;
      if (version == ProtocolVersion.MQTT_3_1) {
        mask = 0x07;
      }
    }
    if ((flags & mask) != expected) {
      throw new MalformedPacketException(
          MALFORMED_PACKET,
          rule,
          String.format(
              "%s fixed-header flags must be %s, not %s", type, bits(expected), bits(flags)));
    }
  }

  private static void checkConsumed(ByteBuf body, PacketType type) throws MalformedPacketException {
    if (body.isReadable()) {
      throw new MalformedPacketException(
          MALFORMED_PACKET,
          "MQTT-2.1.4",
          body.readableBytes() + " bytes left over after the end of the " + type);
    }
  }

  private static String bits(int flags) {
    return String.format("%4s", Integer.toBinaryString(flags)).replace(' ', '0');
  }
}
