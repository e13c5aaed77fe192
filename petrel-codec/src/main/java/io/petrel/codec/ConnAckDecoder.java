package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;

/** Reads CONNACK, which only a client receives (MQTT 5.0 section 3.2). */
final class ConnAckDecoder {
  private ConnAckDecoder() {}

  static ConnAck decode(ByteBuf in, ProtocolVersion version) throws MalformedPacketException {
    if (version.isMqtt5() && isMqtt3Refusal(in)) {
      // A server that does not speak MQTT 5 answers a level-5 CONNECT in its own format with
      // return code 1 [MQTT-3.1.2-2]; reading it as such lets the client fall back to 3.1.1.
      in.skipBytes(2);
      return new ConnAck(false, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, MqttProperties.EMPTY);
    }
    int flags = MqttDataTypes.readUnsignedByte(in, "connect acknowledge flags");
    if ((flags & 0xFE) != 0) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-3.2.2-1", "CONNACK flags bits 7-1 are reserved and must be 0");
    }
    boolean sessionPresent = (flags & 0x01) != 0;
    int code = MqttDataTypes.readUnsignedByte(in, "connect reason code");
    ReasonCode reasonCode =
        (version.isMqtt5()
                ? ReasonCode.of(code, PacketType.CONNACK)
                : ReasonCode.fromMqtt3ConnectReturnCode(code))
            .orElseThrow(
                () ->
                    new MalformedPacketException(
                        MALFORMED_PACKET,
                        version.isMqtt5() ? "MQTT-3.2.2-8" : "MQTT-3.2.2.3",
                        String.format("0x%02X is not a CONNACK reason code", code)));
    if (sessionPresent && code != 0) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.2.2-6", "session present set on a refused connection");
    }
    MqttProperties properties =
        version.isMqtt5() ? PropertiesDecoder.decode(in, PacketType.CONNACK) : MqttProperties.EMPTY;
    return new ConnAck(sessionPresent, reasonCode, properties);
  }

  private static boolean isMqtt3Refusal(ByteBuf in) {
    return in.readableBytes() == 2
        && in.getByte(in.readerIndex()) == 0
        && in.getByte(in.readerIndex() + 1) == 1;
  }
}
