package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SUBSCRIBE and UNSUBSCRIBE (MQTT 5.0 sections 3.8 and 3.10). Topic filters are checked only
 * as UTF-8 here: whether a filter is valid is the broker's call, because an invalid filter fails
 * only its own entry of the SUBACK (0x8F, or 0x80 in MQTT 3.1.1), not the whole connection.
 */
final class SubscribeDecoder {
  private static final String SHARE_PREFIX = "$share/";

  private SubscribeDecoder() {}

  static Subscribe decodeSubscribe(ByteBuf in, ProtocolVersion version)
      throws MalformedPacketException {
    int packetId = readPacketId(in, PacketType.SUBSCRIBE);
    MqttProperties properties =
        version.isMqtt5()
            ? PropertiesDecoder.decode(in, PacketType.SUBSCRIBE)
            : MqttProperties.EMPTY;
    List<Subscription> subscriptions = new ArrayList<>();
    while (in.isReadable()) {
      String filter = MqttDataTypes.readString(in, "topic filter");
      int options = MqttDataTypes.readUnsignedByte(in, "subscription options");
      subscriptions.add(new Subscription(filter, readOptions(options, filter, version)));
    }
    if (subscriptions.isEmpty()) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.8.3-2", "SUBSCRIBE must carry at least one topic filter");
    }
    return new Subscribe(packetId, subscriptions, properties);
  }

  static Unsubscribe decodeUnsubscribe(ByteBuf in, ProtocolVersion version)
      throws MalformedPacketException {
    int packetId = readPacketId(in, PacketType.UNSUBSCRIBE);
    MqttProperties properties =
        version.isMqtt5()
            ? PropertiesDecoder.decode(in, PacketType.UNSUBSCRIBE)
            : MqttProperties.EMPTY;
    List<String> filters = new ArrayList<>();
    while (in.isReadable()) {
      filters.add(MqttDataTypes.readString(in, "topic filter"));
    }
    if (filters.isEmpty()) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.10.3-2", "UNSUBSCRIBE must carry at least one topic filter");
    }
    return new Unsubscribe(packetId, filters, properties);
  }

  private static int readPacketId(ByteBuf in, PacketType type) throws MalformedPacketException {
    int packetId = MqttDataTypes.readTwoByteInteger(in, "packet identifier");
    if (packetId == 0) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-2.2.1-3", type + " must carry a non-zero packet identifier");
    }
    return packetId;
  }

  private static SubscriptionOptions readOptions(
      int options, String filter, ProtocolVersion version) throws MalformedPacketException {
    int qos = options & 0x03;
    if (!version.isMqtt5()) {
      // 3.1.1: the upper six bits are reserved, and QoS 3 is malformed too.
      if ((options & 0xFC) != 0 || qos == 3) {
        throw new MalformedPacketException(
            MALFORMED_PACKET,
            "MQTT-3.8.3-5",
            String.format("requested QoS byte 0x%02X has reserved bits or QoS 3", options));
      }
      return SubscriptionOptions.of(QoS.of(qos));
    }
    if ((options & 0xC0) != 0) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-3.8.3-5", "subscription options bits 7-6 are reserved");
    }
    if (qos == 3) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.8.3.1", "maximum QoS 3 in subscription options");
    }
    boolean noLocal = (options & 0x04) != 0;
    boolean retainAsPublished = (options & 0x08) != 0;
    int retainHandling = (options >> 4) & 0x03;
    if (retainHandling == 3) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.8.3.1", "retain handling 3 in subscription options");
    }
    if (noLocal && filter.startsWith(SHARE_PREFIX)) {
      throw new MalformedPacketException(
          PROTOCOL_ERROR, "MQTT-3.8.3-4", "no local set on shared subscription " + filter);
    }
    return new SubscriptionOptions(
        QoS.of(qos), noLocal, retainAsPublished, RetainHandling.values()[retainHandling]);
  }
}
