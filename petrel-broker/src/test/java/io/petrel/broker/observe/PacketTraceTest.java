package io.petrel.broker.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import org.junit.jupiter.api.Test;

class PacketTraceTest {

  @Test
  void aPublishIsDescribedWithItsFieldsAndItsPayloadAsText() {
    Publish p =
        new Publish(
            "sensors/1",
            Bytes.utf8("21.5"),
            QoS.AT_LEAST_ONCE,
            true,
            false,
            7,
            MqttProperties.EMPTY);
    assertThat(PacketTrace.describe(p))
        .startsWith("PUBLISH")
        .contains("topic=sensors/1", "qos=1", "retain=true", "packetId=7", "payload=\"21.5\"");
  }

  @Test
  void payloadsAreCutAt256Characters() {
    Publish p =
        new Publish(
            "t",
            Bytes.utf8("x".repeat(1000)),
            QoS.AT_MOST_ONCE,
            false,
            false,
            0,
            MqttProperties.EMPTY);
    String text = PacketTrace.describe(p);
    assertThat(text).contains("payload=\"" + "x".repeat(256) + "...\"");
    assertThat(text).doesNotContain("x".repeat(257));
  }
}
