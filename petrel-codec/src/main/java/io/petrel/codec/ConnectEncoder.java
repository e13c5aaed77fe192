package io.petrel.codec;

import io.netty.buffer.ByteBuf;

/** Sizes and writes the bodies of CONNECT and CONNACK. */
final class ConnectEncoder {
  private ConnectEncoder() {}

  static int connectBodySize(Connect c, ProtocolVersion version) {
    if (c.version() != version) {
      throw new IllegalArgumentException(
          "a CONNECT for " + c.version() + " cannot be written as " + version);
    }
    if (c.password().isPresent() && c.username().isEmpty() && !version.isMqtt5()) {
      throw new IllegalArgumentException(
          "MQTT " + version + " needs a user name with a password [MQTT-3.1.2-22]");
    }
    int size = MqttDataTypes.stringSize(version.protocolName()) + 1 + 1 + 2;
    if (version.isMqtt5()) {
      size += PropertiesEncoder.size(c.properties(), PacketType.CONNECT, false);
    }
    size += MqttDataTypes.stringSize(c.clientId());
    if (c.will().isPresent()) {
      Will will = c.will().get();
      if (version.isMqtt5()) {
        size += PropertiesEncoder.size(will.properties(), PacketType.CONNECT, true);
      }
      size += MqttDataTypes.stringSize(will.topic()) + MqttDataTypes.binarySize(will.payload());
    }
    if (c.username().isPresent()) {
      size += MqttDataTypes.stringSize(c.username().get());
    }
    if (c.password().isPresent()) {
      size += MqttDataTypes.binarySize(c.password().get());
    }
    return size;
  }

  static void writeConnect(ByteBuf out, Connect c, ProtocolVersion version) {
    MqttDataTypes.writeString(out, version.protocolName());
    out.writeByte(version.level());
    int flags = c.cleanStart() ? 0x02 : 0;
    if (c.will().isPresent()) {
      Will will = c.will().get();
      flags |= 0x04 | will.qos().value() << 3 | (will.retain() ? 0x20 : 0);
    }
    flags |= c.password().isPresent() ? 0x40 : 0;
    flags |= c.username().isPresent() ? 0x80 : 0;
    out.writeByte(flags);
    out.writeShort(c.keepAliveSeconds());
    if (version.isMqtt5()) {
      PropertiesEncoder.write(out, c.properties(), PacketType.CONNECT, false);
    }
    MqttDataTypes.writeString(out, c.clientId());
    if (c.will().isPresent()) {
      Will will = c.will().get();
      if (version.isMqtt5()) {
        PropertiesEncoder.write(out, will.properties(), PacketType.CONNECT, true);
      }
      MqttDataTypes.writeString(out, will.topic());
      MqttDataTypes.writeBinary(out, will.payload());
    }
    c.username().ifPresent(u -> MqttDataTypes.writeString(out, u));
    c.password().ifPresent(p -> MqttDataTypes.writeBinary(out, p));
  }

  static int connAckBodySize(ConnAck c, ProtocolVersion version) {
    if (c.sessionPresent() && c.reasonCode() != ReasonCode.SUCCESS) {
      throw new IllegalArgumentException("session present on a refused connection [MQTT-3.2.2-6]");
    }
    if (!version.isMqtt5()) {
      return 2;
    }
    MqttEncoder.checkReasonCode(c.reasonCode(), PacketType.CONNACK);
    return 2 + PropertiesEncoder.size(c.properties(), PacketType.CONNACK, false);
  }

  static void writeConnAck(ByteBuf out, ConnAck c, ProtocolVersion version) {
    // MQTT 3.1 has no session present flag: the byte is reserved there.
    out.writeByte(c.sessionPresent() && version != ProtocolVersion.MQTT_3_1 ? 1 : 0);
    if (version.isMqtt5()) {
      out.writeByte(c.reasonCode().value());
      PropertiesEncoder.write(out, c.properties(), PacketType.CONNACK, false);
    } else {
      out.writeByte(c.reasonCode().toMqtt3ConnectReturnCode());
    }
  }
}
