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

/** Does the pipeline encoder write records for its version and pass ready bytes through? */
class MqttPacketEncoderTest {
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
    MqttPacketEncoder encoder = new MqttPacketEncoder();
    EmbeddedChannel channel = new EmbeddedChannel(encoder);

    channel.writeOutbound(new PubAck(7, ReasonCode.QUOTA_EXCEEDED, MqttProperties.EMPTY));
    encoder.setProtocolVersion(MQTT_5);
    channel.writeOutbound(new PubAck(7, ReasonCode.QUOTA_EXCEEDED, MqttProperties.EMPTY));

    assertThat(readHex(channel)).isEqualTo("40020007");
    assertThat(readHex(channel)).isEqualTo("4004000797" + "00");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void writingAConnectSetsTheVersionForTheRestOfTheConnection() {
    MqttPacketEncoder encoder = new MqttPacketEncoder(MQTT_3_1_1);
    EmbeddedChannel channel = new EmbeddedChannel(encoder);

    channel.writeOutbound(Wire.connect(MQTT_5));

    assertThat(encoder.protocolVersion()).isEqualTo(MQTT_5);
    assertThat(readHex(channel)).startsWith("10");
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aPreEncodedBufferPassesThroughUnchanged() {
    EmbeddedChannel channel = new EmbeddedChannel(new MqttPacketEncoder());
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
    EmbeddedChannel channel = new EmbeddedChannel(new MqttPacketEncoder(MQTT_3_1_1));

    assertThatThrownBy(
            () -> channel.writeOutbound(new Auth(ReasonCode.SUCCESS, MqttProperties.EMPTY)))
        .isInstanceOf(EncoderException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }
}
