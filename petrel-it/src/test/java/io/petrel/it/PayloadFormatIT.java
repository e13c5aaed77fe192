package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payload Format Indicator 1 promises UTF-8 (MQTT 5.0 section 3.3.2.3.2): the broker checks it and
 * refuses a payload that is not with 0x99, on the acknowledgement where the QoS has one.
 */
class PayloadFormatIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  private static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};

  private static byte[] publish(String topic, QoS qos, byte[] payload) {
    return V5Bytes.encode(
        new Publish(
            topic,
            Bytes.wrap(payload),
            qos,
            false,
            false,
            qos == QoS.AT_MOST_ONCE ? 0 : 7,
            MqttProperties.builder().integer(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1).build()));
  }

  @Test
  void aQos1MessageThatIsNotUtf8GetsPubAck0x99WithAReason() {
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("pfi-q1"), MqttProperties.EMPTY)) {
      raw.send(publish(Names.topic("pfi-q1"), QoS.AT_LEAST_ONCE, NOT_UTF8));
      RawPacket ack = raw.read();
      assertThat(ack.type()).isEqualTo(MqttBytes.PUBACK);
      assertThat(ack.body()[2] & 0xFF).isEqualTo(0x99);
      assertThat(new String(ack.body(), StandardCharsets.UTF_8)).contains("not valid UTF-8");
      raw.ping(); // the connection stays open
    }
  }

  @Test
  void withoutProblemInformationTheRefusalHasNoReasonString_MQTT_3_1_2_29() {
    try (RawMqttClient raw =
        V5Bytes.connected(
            BROKER.port(),
            Names.clientId("pfi-quiet"),
            MqttProperties.builder().integer(PropertyId.REQUEST_PROBLEM_INFORMATION, 0).build())) {
      raw.send(publish(Names.topic("pfi-quiet"), QoS.AT_LEAST_ONCE, NOT_UTF8));
      raw.expect("40 04 00 07 99 00"); // PUBACK, id 7, 0x99, properties of length 0
    }
  }

  @Test
  void aQos2MessageThatIsNotUtf8GetsPubRec0x99() {
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("pfi-q2"), MqttProperties.EMPTY)) {
      raw.send(publish(Names.topic("pfi-q2"), QoS.EXACTLY_ONCE, NOT_UTF8));
      RawPacket rec = raw.read();
      assertThat(rec.type()).isEqualTo(MqttBytes.PUBREC);
      assertThat(rec.body()[2] & 0xFF).isEqualTo(0x99);
    }
  }

  @Test
  void aQos0MessageThatIsNotUtf8EndsTheConnectionWith0x99() {
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("pfi-q0"), MqttProperties.EMPTY)) {
      raw.send(publish(Names.topic("pfi-q0"), QoS.AT_MOST_ONCE, NOT_UTF8));
      assertThat(V5Bytes.disconnectReason(raw.read())).isEqualTo(0x99);
      raw.awaitClosed();
    }
  }

  @Test
  void aValidUtf8PayloadIsDeliveredWithItsIndicator() throws Exception {
    String topic = Names.topic("pfi-ok");
    Mqtt5BlockingClient sub = HiveV5Client.blocking(BROKER.port(), Names.clientId("pfi-ok"));
    sub.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL);
        RawMqttClient raw =
            V5Bytes.connected(BROKER.port(), Names.clientId("pfi-ok-pub"), MqttProperties.EMPTY)) {
      sub.subscribeWith().topicFilter(topic).send();
      raw.send(publish(topic, QoS.AT_LEAST_ONCE, "grüße".getBytes(StandardCharsets.UTF_8)));
      assertThat(raw.read().type()).isEqualTo(MqttBytes.PUBACK);
      Mqtt5Publish m = received.receive(5, TimeUnit.SECONDS).orElseThrow();
      assertThat(m.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
      assertThat(new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("grüße");
    } finally {
      sub.disconnect();
    }
  }
}
