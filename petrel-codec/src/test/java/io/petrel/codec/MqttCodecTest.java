package io.petrel.codec;

import static io.petrel.codec.ProtocolVersion.MQTT_3_1_1;
import static io.petrel.codec.ProtocolVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;

/**
 * Does the codec write records for the connection's version, the one its decoder reads with, and
 * pass ready bytes through?
 */
class MqttCodecTest {
  private static MqttCodec client() {
    return new MqttCodec(1 << 20, false);
  }

  private static String readHex(EmbeddedChannel channel) {
    ByteBuf buf = channel.readOutbound();
    try {
      return ByteBufUtil.hexDump(buf);
    } finally {
      buf.release();
    }
  }

  @Test
  void recordsAreWrittenForTheConfiguredVersion() {
    MqttCodec codec = client();
    EmbeddedChannel channel = new EmbeddedChannel(codec);

    channel.writeOutbound(new PubAck(7, ReasonCode.QUOTA_EXCEEDED, MqttProperties.EMPTY));
    codec.setProtocolVersion(MQTT_5);
    channel.writeOutbound(new PubAck(7, ReasonCode.QUOTA_EXCEEDED, MqttProperties.EMPTY));

    assertThat(readHex(channel)).isEqualTo("40020007");
    assertThat(readHex(channel)).isEqualTo("4004000797" + "00");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void writingAConnectSetsTheVersionForTheRestOfTheConnection() {
    MqttCodec codec = client();
    EmbeddedChannel channel = new EmbeddedChannel(codec);

    channel.writeOutbound(Wire.connect(MQTT_5));

    assertThat(codec.protocolVersion()).isEqualTo(MQTT_5);
    assertThat(readHex(channel)).startsWith("10");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aPreEncodedBufferPassesThroughUnchanged() {
    EmbeddedChannel channel = new EmbeddedChannel(client());
    ByteBuf shared =
        MqttEncoder.encode(
            new Publish(
                "t", Bytes.utf8("x"), QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY),
            MQTT_3_1_1,
            Wire.ALLOC);

    ByteBuf duplicate = shared.retainedDuplicate();
    channel.writeOutbound(duplicate);
    ByteBuf written = channel.readOutbound();

    assertThat(written).isSameAs(duplicate);
    assertThat(ByteBufUtil.hexDump(written)).isEqualTo("300400017478");
    written.release();
    shared.release();
    assertThat(shared.refCnt()).isZero();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aPacketTheVersionCannotExpressFailsTheWrite() {
    EmbeddedChannel channel = new EmbeddedChannel(client());

    assertThatThrownBy(
            () -> channel.writeOutbound(new Auth(ReasonCode.SUCCESS, MqttProperties.EMPTY)))
        .isInstanceOf(EncoderException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aServerAnswersInTheVersionOfTheConnectItRead() {
    MqttCodec codec = new MqttCodec(1 << 20, true);
    EmbeddedChannel channel = new EmbeddedChannel(codec);

    channel.writeInbound(MqttEncoder.encode(Wire.connect(MQTT_5), MQTT_5, Wire.ALLOC));
    assertThat((Object) channel.readInbound()).isInstanceOf(Connect.class);
    channel.writeOutbound(new PubAck(7, ReasonCode.QUOTA_EXCEEDED, MqttProperties.EMPTY));

    assertThat(readHex(channel)).isEqualTo("4004000797" + "00");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }
}
