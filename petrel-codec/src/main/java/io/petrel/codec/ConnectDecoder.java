package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/** Reads CONNECT (MQTT 5.0 section 3.1, MQTT 3.1.1 section 3.1, MQTT 3.1 "CONNECT"). */
final class ConnectDecoder {
  private ConnectDecoder() {}

  /**
   * Reads a CONNECT body. The protocol name and level come first and decide everything after them,
   * so an unknown pair fails with Unsupported Protocol Version before any other check: the server
   * can then answer with CONNACK return code 1 [MQTT-3.1.2-2] instead of closing blindly.
   */
  static Connect decode(int fixedHeaderFlags, ByteBuf in) throws MalformedPacketException {
    String name = MqttDataTypes.readString(in, "protocol name");
    int level = MqttDataTypes.readUnsignedByte(in, "protocol level");
    ProtocolVersion version =
        ProtocolVersion.of(name, level)
            .orElseThrow(
                () ->
                    new MalformedPacketException(
                        ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                        "MQTT-3.1.2-2",
                        "unsupported protocol " + name + " level " + level));
    try {
      return decode(fixedHeaderFlags, in, version);
    } catch (MalformedPacketException e) {
      throw SpecRules.forVersion(e, version);
    }
  }

  private static Connect decode(int fixedHeaderFlags, ByteBuf in, ProtocolVersion version)
      throws MalformedPacketException {
    if (fixedHeaderFlags != 0) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-2.1.3-1", "CONNECT fixed-header flags must be 0000");
    }
    int flags = MqttDataTypes.readUnsignedByte(in, "connect flags");
    if ((flags & 0x01) != 0) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-3.1.2-3", "the reserved connect flag must be 0");
    }
    boolean cleanStart = (flags & 0x02) != 0;
    boolean willFlag = (flags & 0x04) != 0;
    int willQos = (flags >> 3) & 0x03;
    boolean willRetain = (flags & 0x20) != 0;
    boolean passwordFlag = (flags & 0x40) != 0;
    boolean usernameFlag = (flags & 0x80) != 0;
    checkWillFlags(willFlag, willQos, willRetain);
    // MQTT 5 allows a password without a user name (for tokens); 3.1.1 does not.
    if (passwordFlag && !usernameFlag && !version.isMqtt5()) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-3.1.2-22", "password flag set without user name flag");
    }
    int keepAlive = MqttDataTypes.readTwoByteInteger(in, "keep alive");
    MqttProperties properties = MqttProperties.EMPTY;
    if (version.isMqtt5()) {
      properties = PropertiesDecoder.decode(in, PacketType.CONNECT);
      checkAuthentication(properties);
    }
    String clientId = MqttDataTypes.readString(in, "client identifier");
    Optional<Will> will = Optional.empty();
    if (willFlag) {
      MqttProperties willProperties =
          version.isMqtt5() ? PropertiesDecoder.decodeWill(in) : MqttProperties.EMPTY;
      String topic = MqttDataTypes.readString(in, "will topic");
      Bytes payload = MqttDataTypes.readBinary(in, "will payload");
      will = Optional.of(new Will(topic, payload, QoS.of(willQos), willRetain, willProperties));
    }
    Optional<String> username =
        usernameFlag ? Optional.of(MqttDataTypes.readString(in, "user name")) : Optional.empty();
    Optional<Bytes> password =
        passwordFlag ? Optional.of(MqttDataTypes.readBinary(in, "password")) : Optional.empty();
    return new Connect(
        version, clientId, cleanStart, keepAlive, username, password, will, properties);
  }

  private static void checkWillFlags(boolean willFlag, int willQos, boolean willRetain)
      throws MalformedPacketException {
    if (!willFlag && willQos != 0) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-3.1.2-11", "will QoS must be 0 without a will");
    }
    if (!willFlag && willRetain) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-3.1.2-13", "will retain must be 0 without a will");
    }
    if (willQos == 3) {
      throw new MalformedPacketException(MALFORMED_PACKET, "MQTT-3.1.2-12", "will QoS 3");
    }
  }

  private static void checkAuthentication(MqttProperties properties)
      throws MalformedPacketException {
    if (properties.contains(PropertyId.AUTHENTICATION_DATA)
        && !properties.contains(PropertyId.AUTHENTICATION_METHOD)) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR,
          "MQTT-3.1.2.11.10",
          "authentication data without an authentication method");
    }
  }
}
