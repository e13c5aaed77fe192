package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Does a message arrive intact at QoS min(publish QoS, subscription QoS) with each client library?
 */
class QosDeliveryIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  /** publish QoS, subscription QoS, delivered QoS [MQTT-3.8.4-6]. */
  private static final String QOS_TABLE =
      """
      0, 0, 0
      0, 1, 0
      0, 2, 0
      1, 0, 0
      1, 1, 1
      1, 2, 1
      2, 0, 0
      2, 1, 1
      2, 2, 2
      """;

  @ParameterizedTest(name = "Paho publish QoS {0} to subscription QoS {1} arrives at QoS {2}")
  @CsvSource(textBlock = QOS_TABLE)
  void pahoMessageArrivesAtTheLowerOfPublishAndSubscriptionQos(
      int publishQos, int subscriptionQos, int deliveredQos) throws Exception {
    String topic = Names.topic("paho-qos");
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("paho-sub"));
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("paho-pub"))) {
      assertThat(subscriber.subscribe(topic, subscriptionQos)).isEqualTo(subscriptionQos);
      publisher.publish(topic, "qos " + publishQos, publishQos);

      assertThat(subscriber.awaitMessage())
          .isEqualTo(new Received(topic, "qos " + publishQos, deliveredQos, false));
    }
  }

  @ParameterizedTest(name = "HiveMQ publish QoS {0} to subscription QoS {1} arrives at QoS {2}")
  @CsvSource(textBlock = QOS_TABLE)
  void hiveMqMessageArrivesAtTheLowerOfPublishAndSubscriptionQos(
      int publishQos, int subscriptionQos, int deliveredQos) {
    String topic = Names.topic("hive-qos");
    try (HiveClient subscriber = HiveClient.connect(BROKER, Names.clientId("hive-sub"));
        HiveClient publisher = HiveClient.connect(BROKER, Names.clientId("hive-pub"))) {
      assertThat(subscriber.subscribe(topic, subscriptionQos)).isEqualTo(subscriptionQos);
      publisher.publish(topic, "qos " + publishQos, publishQos);

      assertThat(subscriber.awaitMessage())
          .isEqualTo(new Received(topic, "qos " + publishQos, deliveredQos, false));
    }
  }

  @Test
  void binaryPayloadArrivesByteForByte() throws Exception {
    String topic = Names.topic("binary");
    byte[] payload = new byte[256];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    try (HiveClient subscriber = HiveClient.connect(BROKER, Names.clientId("bin-sub"));
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("bin-pub"))) {
      subscriber.subscribe(topic, 2);
      publisher.publish(topic, payload, 2);
      // Received decodes as UTF-8, so compare through the same decoding.
      assertThat(subscriber.awaitMessage().payload())
          .isEqualTo(new String(payload, StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest(name = "at QoS {0}")
  @ValueSource(ints = {0, 1, 2})
  void messagesFromOnePublisherArriveInTheOrderSent_MQTT_4_6_0_6(int qos) throws Exception {
    String topic = Names.topic("order");
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("order-sub"));
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("order-pub"))) {
      subscriber.subscribe(topic, 2);
      List<String> sent = IntStream.range(0, 50).mapToObj(Integer::toString).toList();
      for (String payload : sent) {
        publisher.publish(topic, payload, qos);
      }
      subscriber.awaitMessages(sent.size());
      assertThat(subscriber.payloads()).containsExactlyElementsOf(sent);
    }
  }

  @Test
  void zeroLengthPayloadIsDelivered() throws Exception {
    String topic = Names.topic("empty-payload");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("empty"))) {
      client.subscribe(topic, 1);
      client.publish(topic, "", 1);
      assertThat(client.awaitMessage()).isEqualTo(new Received(topic, "", 1, false));
    }
  }
}
