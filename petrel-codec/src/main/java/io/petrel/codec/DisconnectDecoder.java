package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;

/**
 * Reads DISCONNECT and AUTH (MQTT 5.0 sections 3.14 and 3.15): both are a reason code and
 * properties that may be left out when the reason is the plain one.
 */
final class DisconnectDecoder {
  private DisconnectDecoder() {}

  /**
   * MQTT 3.1.1 DISCONNECT has no body. MQTT 5: remaining length 0 is a normal disconnection, 1 a
   * reason code without properties (section 3.14.2.2.1).
   */
  static Disconnect decodeDisconnect(ByteBuf in, ProtocolVersion version, boolean fromClient)
      throws MalformedPacketException {
    if (!version.isMqtt5()) {
      if (in.isReadable()) {
        throw new MalformedPacketException(
            MALFORMED_PACKET, "MQTT-3.14.2", "an MQTT 3.1.1 DISCONNECT has no variable header");
      }
      return Disconnect.NORMAL;
    }
    if (!in.isReadable()) {
      return Disconnect.NORMAL;
    }
    ReasonCode reasonCode = readReasonCode(in, PacketType.DISCONNECT, "MQTT-3.14.2-1");
    MqttProperties properties = MqttProperties.EMPTY;
    if (in.isReadable()) {
      properties = PropertiesDecoder.decode(in, PacketType.DISCONNECT);
    }
    if (!fromClient && properties.contains(PropertyId.SESSION_EXPIRY_INTERVAL)) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.14.2-2", "a server must not send a session expiry interval");
    }
    return new Disconnect(reasonCode, properties);
  }

  /** AUTH with remaining length 0 is Success without properties (section 3.15.2.1). */
  static Auth decodeAuth(ByteBuf in) throws MalformedPacketException {
    if (!in.isReadable()) {
      return new Auth(ReasonCode.SUCCESS, MqttProperties.EMPTY);
    }
    ReasonCode reasonCode = readReasonCode(in, PacketType.AUTH, "MQTT-3.15.2-1");
    MqttProperties properties = MqttProperties.EMPTY;
    if (in.isReadable()) {
      properties = PropertiesDecoder.decode(in, PacketType.AUTH);
    }
    // Omitting the Authentication Method is a Protocol Error (section 3.15.2.2.2).
    if (!properties.contains(PropertyId.AUTHENTICATION_METHOD)) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.15.2.2.2", "AUTH without an authentication method");
    }
    return new Auth(reasonCode, properties);
  }

  private static ReasonCode readReasonCode(ByteBuf in, PacketType type, String rule)
      throws MalformedPacketException {
    int code = in.readUnsignedByte();
    return ReasonCode.of(code, type)
        .orElseThrow(
            () ->
                new MalformedPacketException(
                    MALFORMED_PACKET,
                    rule,
                    String.format("0x%02X is not a %s reason code", code, type)));
  }
}
