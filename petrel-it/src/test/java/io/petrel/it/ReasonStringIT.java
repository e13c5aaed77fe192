package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.QoS;
import io.petrel.codec.Subscribe;
import io.petrel.codec.Subscription;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.Unsubscribe;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failure reason codes on acknowledgements come with a reason string for MQTT 5 clients, unless the
 * client asked for no problem information [MQTT-3.1.2-29].
 */
class ReasonStringIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  private static byte[] subscribe(String... filters) {
    List<Subscription> subs =
        Arrays.stream(filters)
            .map(f -> new Subscription(f, SubscriptionOptions.of(QoS.AT_LEAST_ONCE)))
            .toList();
    return V5Bytes.encode(new Subscribe(3, subs, MqttProperties.EMPTY));
  }

  @Test
  void aSubAckFailureSaysWhichFilterAndWhy() {
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("reason-sub"), MqttProperties.EMPTY)) {
      raw.send(subscribe("ok/+", "bad/#/more"));
      RawPacket subAck = raw.read();
      assertThat(subAck.type()).isEqualTo(MqttBytes.SUBACK);
      String text = new String(subAck.body(), StandardCharsets.UTF_8);
      assertThat(text).contains("bad/#/more");
      byte[] b = subAck.body();
      // The reason codes close the packet: 0x01 granted, 0x8F topic filter invalid.
      assertThat(b[b.length - 2] & 0xFF).isEqualTo(0x01);
      assertThat(b[b.length - 1] & 0xFF).isEqualTo(0x8F);
    }
  }

  @Test
  void noReasonStringWhenTheClientAskedForNoProblemInformation() {
    try (RawMqttClient raw =
        V5Bytes.connected(
            BROKER.port(),
            Names.clientId("reason-quiet"),
            MqttProperties.builder().integer(PropertyId.REQUEST_PROBLEM_INFORMATION, 0).build())) {
      raw.send(subscribe("bad/#/more"));
      raw.expect("90 04 00 03 00 8F"); // SUBACK, id 3, no properties, 0x8F
    }
  }

  @Test
  void anUnsubAckFailureSaysWhy() {
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("reason-unsub"), MqttProperties.EMPTY)) {
      raw.send(V5Bytes.encode(new Unsubscribe(4, List.of("bad/#/more"), MqttProperties.EMPTY)));
      RawPacket unsubAck = raw.read();
      assertThat(unsubAck.type()).isEqualTo(MqttBytes.UNSUBACK);
      assertThat(new String(unsubAck.body(), StandardCharsets.UTF_8)).contains("bad/#/more");
    }
  }
}
