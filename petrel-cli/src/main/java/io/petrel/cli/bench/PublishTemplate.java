package io.petrel.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;

/**
 * One publisher's PUBLISH, encoded once by the codec; each message is then a copy of those bytes
 * with the packet id and payload header patched in. A message costs one buffer and one memory copy
 * instead of a record, a composite buffer and the encoder's bookkeeping: the generator must stay
 * light so the broker, not the bench, is what the numbers measure.
 */
final class PublishTemplate {
  private final byte[] bytes;
  private final int payloadOffset;
  private final int packetIdOffset;
  private final boolean hasPacketId;

  PublishTemplate(String topic, QoS qos, int payloadSize, ProtocolVersion version) {
    Publish publish =
        new Publish(
            topic,
            Bytes.wrap(new byte[payloadSize]),
            qos,
            false,
            false,
            qos == QoS.AT_MOST_ONCE ? 0 : 1,
            MqttProperties.EMPTY);
    ByteBuf encoded = MqttEncoder.encode(publish, version, ByteBufAllocator.DEFAULT);
    try {
      bytes = new byte[encoded.readableBytes()];
      encoded.readBytes(bytes);
    } finally {
      encoded.release();
    }
    payloadOffset = bytes.length - payloadSize;
    // The packet id comes right before the payload, or before MQTT 5's empty property length.
    packetIdOffset = payloadOffset - (version.isMqtt5() ? 1 : 0) - 2;
    hasPacketId = qos != QoS.AT_MOST_ONCE;
  }

  int size() {
    return bytes.length;
  }

  /** A PUBLISH ready to write; packetId is ignored for QoS 0. */
  ByteBuf encode(
      ByteBufAllocator alloc, int packetId, int publisher, int sequence, long sendNanos) {
    ByteBuf buf = alloc.directBuffer(bytes.length, bytes.length);
    buf.writeBytes(bytes);
    if (hasPacketId) {
      buf.setShort(packetIdOffset, packetId);
    }
    Payload.write(buf, payloadOffset, publisher, sequence, sendNanos);
    return buf;
  }
}
