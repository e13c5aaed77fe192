package io.petrel.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.petrel.codec.Connect;
import io.petrel.codec.MqttFrameDecoder;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishTemplateTest {
  @ParameterizedTest(name = "MQTT {0} QoS {1}")
  @CsvSource({"MQTT_3_1_1, 0", "MQTT_3_1_1, 1", "MQTT_3_1_1, 2", "MQTT_5, 0", "MQTT_5, 2"})
  void aPatchedTemplateDecodesAsThePublishItStandsFor(ProtocolVersion version, int qos) {
    PublishTemplate template = new PublishTemplate("petrel/bench/x/3", QoS.of(qos), 200, version);

    ByteBuf buf = template.encode(ByteBufAllocator.DEFAULT, 4242, 3, 77, 123_456_789L);
    Publish publish = decode(version, buf);

    assertThat(publish.topic()).isEqualTo("petrel/bench/x/3");
    assertThat(publish.qos()).isEqualTo(QoS.of(qos));
    assertThat(publish.packetId()).isEqualTo(qos == 0 ? 0 : 4242);
    assertThat(publish.payload().length()).isEqualTo(200);
    Payload.Header header = Payload.read(publish.payload().toByteArray(), 123_456_789L);
    assertThat(header).isEqualTo(new Payload.Header(3, 77, 123_456_789L));
  }

  /** Decodes as the broker would, after a CONNECT of that version. */
  private static Publish decode(ProtocolVersion version, ByteBuf publish) {
    EmbeddedChannel channel = new EmbeddedChannel(new MqttFrameDecoder(1 << 20, true));
    ByteBuf connect =
        io.petrel.codec.MqttEncoder.encode(
            new Connect(
                version,
                "c",
                true,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                MqttProperties.EMPTY),
            version,
            ByteBufAllocator.DEFAULT);
    channel.writeInbound(connect, publish);
    channel.readInbound(); // the CONNECT
    Publish decoded = channel.readInbound();
    channel.finishAndReleaseAll();
    return decoded;
  }
}
