package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Reads SUBACK and UNSUBACK, which only a client receives (MQTT 5.0 sections 3.9 and 3.11). */
final class SubAckDecoder {
  private SubAckDecoder() {}

  static SubAck decodeSubAck(ByteBuf in, ProtocolVersion version) throws MalformedPacketException {
    int packetId = readPacketId(in, PacketType.SUBACK);
    MqttProperties properties =
        version.isMqtt5() ? PropertiesDecoder.decode(in, PacketType.SUBACK) : MqttProperties.EMPTY;
    List<ReasonCode> codes = new ArrayList<>();
    while (in.isReadable()) {
      int code = in.readUnsignedByte();
      // 3.1.1 knows only 0x00, 0x01, 0x02 and 0x80 (Failure), which maps to Unspecified error.
      codes.add(
          ReasonCode.of(code, PacketType.SUBACK)
              .filter(c -> version.isMqtt5() || code <= 2 || code == 0x80)
              .orElseThrow(
                  () ->
                      new MalformedPacketException(
                          MALFORMED_PACKET,
                          "MQTT-3.9.3-2",
                          String.format("0x%02X is not a SUBACK reason code", code))));
    }
    if (codes.isEmpty()) {
      // A SUBSCRIBE has at least one filter and the SUBACK one code for each [MQTT-3.8.4-6].
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.8.4-6", "SUBACK without reason codes");
    }
    return new SubAck(packetId, codes, properties);
  }

  static UnsubAck decodeUnsubAck(ByteBuf in, ProtocolVersion version)
      throws MalformedPacketException {
    int packetId = readPacketId(in, PacketType.UNSUBACK);
    if (!version.isMqtt5()) {
      return new UnsubAck(packetId, List.of(), MqttProperties.EMPTY); // 3.1.1: no payload
    }
    MqttProperties properties = PropertiesDecoder.decode(in, PacketType.UNSUBACK);
    List<ReasonCode> codes = new ArrayList<>();
    while (in.isReadable()) {
      int code = in.readUnsignedByte();
      codes.add(
          ReasonCode.of(code, PacketType.UNSUBACK)
              .orElseThrow(
                  () ->
                      new MalformedPacketException(
                          MALFORMED_PACKET,
                          "MQTT-3.11.3-2",
                          String.format("0x%02X is not an UNSUBACK reason code", code))));
    }
    if (codes.isEmpty()) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.11.3-1", "UNSUBACK without reason codes");
    }
    return new UnsubAck(packetId, codes, properties);
  }

  private static int readPacketId(ByteBuf in, PacketType type) throws MalformedPacketException {
    int packetId = MqttDataTypes.readTwoByteInteger(in, "packet identifier");
    if (packetId == 0) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-2.2.1-6", type + " must carry a non-zero packet identifier");
    }
    return packetId;
  }
}
