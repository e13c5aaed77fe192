package io.petrel.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.petrel.codec.Bytes;
import io.petrel.codec.Connect;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import java.util.Optional;
import java.util.Random;

/** The packets the codec benchmarks decode and encode, built the same way for all of them. */
final class PublishSamples {
  static final String TOPIC = "site/42/device/7/temp";

  private PublishSamples() {}

  /**
   * A sensor reading. MQTT 5 gets the two properties a real publisher is likely to set, so that the
   * property code is part of the measurement; MQTT 3.1.1 has none.
   */
  static Publish publish(int payloadSize, ProtocolVersion version, QoS qos) {
    byte[] payload = new byte[payloadSize];
    new Random(42).nextBytes(payload);
    MqttProperties properties =
        version.isMqtt5()
            ? MqttProperties.builder()
                .integer(PropertyId.MESSAGE_EXPIRY_INTERVAL, 3_600)
                .userProperty("unit", "celsius")
                .build()
            : MqttProperties.EMPTY;
    int packetId = qos == QoS.AT_MOST_ONCE ? 0 : 1;
    return new Publish(TOPIC, Bytes.wrap(payload), qos, false, false, packetId, properties);
  }

  /** What a client sends first: a server-side decoder refuses anything else [MQTT-3.1.0-1]. */
  static Connect connect(ProtocolVersion version) {
    return new Connect(
        version,
        "bench",
        true,
        60,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        MqttProperties.EMPTY);
  }

  /** The exact wire bytes, fixed header included. */
  static byte[] wireBytes(MqttPacket packet, ProtocolVersion version) {
    ByteBuf buf = MqttEncoder.encode(packet, version, UnpooledByteBufAllocator.DEFAULT);
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  /** The length of the fixed header: the first byte plus the remaining length's 1 to 4 bytes. */
  static int fixedHeaderSize(byte[] packet) {
    int i = 1;
    while ((packet[i] & 0x80) != 0) {
      i++;
    }
    return i + 1;
  }
}
