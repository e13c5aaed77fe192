package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;

/** Reads PUBACK, PUBREC, PUBREL and PUBCOMP (MQTT 5.0 sections 3.4 to 3.7). */
final class AckDecoder {
  private AckDecoder() {}

  /**
   * MQTT 3.1/3.1.1 acks are just a packet identifier. MQTT 5 adds a reason code and properties,
   * both of which may be left out: remaining length 2 means Success without properties, 3 means a
   * reason code without properties (MQTT 5.0 section 3.4.2.2.1).
   */
  static MqttPacket decode(PacketType type, ByteBuf in, ProtocolVersion version)
      throws MalformedPacketException {
    int packetId = MqttDataTypes.readTwoByteInteger(in, "packet identifier");
    if (packetId == 0) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-2.2.1-5", type + " must carry a non-zero packet identifier");
    }
    ReasonCode reasonCode = ReasonCode.SUCCESS;
    MqttProperties properties = MqttProperties.EMPTY;
    if (version.isMqtt5() && in.isReadable()) {
      int code = MqttDataTypes.readUnsignedByte(in, "reason code");
      reasonCode =
          ReasonCode.of(code, type)
              .orElseThrow(
                  () ->
                      new MalformedPacketException(
                          MALFORMED_PACKET,
                          reasonCodeRule(type),
                          String.format("0x%02X is not a %s reason code", code, type)));
      if (in.isReadable()) {
        properties = PropertiesDecoder.decode(in, type);
      }
    }
    return switch (type) {
      case PUBACK -> new PubAck(packetId, reasonCode, properties);
      case PUBREC -> new PubRec(packetId, reasonCode, properties);
      case PUBREL -> new PubRel(packetId, reasonCode, properties);
      case PUBCOMP -> new PubComp(packetId, reasonCode, properties);
      default -> throw new IllegalArgumentException(type + " is not a publish acknowledgement");
    };
  }

  private static String reasonCodeRule(PacketType type) {
    return switch (type) {
      case PUBACK -> "MQTT-3.4.2-1";
      case PUBREC -> "MQTT-3.5.2-1";
      case PUBREL -> "MQTT-3.6.2-1";
      default -> "MQTT-3.7.2-1";
    };
  }
}
