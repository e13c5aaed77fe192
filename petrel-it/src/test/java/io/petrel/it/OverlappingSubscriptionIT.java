package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does a client whose subscriptions overlap get one copy, at the highest granted QoS? */
class OverlappingSubscriptionIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void overlappingPlusAndHashSubscriptionsDeliverOneCopyAtTheHigherQos_MQTT_3_3_5_1()
      throws Exception {
    String base = Names.topic("overlap");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("overlap"))) {
      client.subscribe(base + "/+", 0);
      client.subscribe(base + "/#", 2);
      client.publish(base + "/b", "once", 2);

      assertThat(client.awaitMessage()).isEqualTo(new Received(base + "/b", "once", 2, false));
      Quiet.holds(() -> client.received().size() == 1);
    }
  }

  @Test
  void overlappingSubscriptionsOfDifferentClientsEachGetTheirOwnCopy() throws Exception {
    String base = Names.topic("overlap-two");
    try (PahoClient first = PahoClient.connect(BROKER, Names.clientId("overlap-a"));
        HiveClient second = HiveClient.connect(BROKER, Names.clientId("overlap-b"))) {
      first.subscribe(base + "/+", 1);
      second.subscribe(base + "/#", 2);
      first.publish(base + "/b", "each", 2);

      assertThat(first.awaitMessage()).isEqualTo(new Received(base + "/b", "each", 1, false));
      assertThat(second.awaitMessage()).isEqualTo(new Received(base + "/b", "each", 2, false));
    }
  }

  @Test
  void overlappingRawSubscriptionsProduceASinglePublishOnTheWire() throws Exception {
    String base = Names.topic("overlap-raw");
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("overlap-raw")))) {
      client.send(MqttBytes.subscribe(1, base + "/+", 0, base + "/#", 1, base + "/b", 0));
      client.expect("90 05 00 01 00 01 00");
      client.send(MqttBytes.publish(base + "/b", "single", 1, 5));

      // PUBACK to us and the delivery to us may come in either order.
      RawPacket a = client.read();
      RawPacket b = client.read();
      RawPacket delivery = a.type() == MqttBytes.PUBLISH ? a : b;
      RawPacket puback = a.type() == MqttBytes.PUBLISH ? b : a;
      assertThat(puback.hex()).isEqualTo("40 02 00 05");
      assertThat(delivery.qos()).isEqualTo(1);
      assertThat(delivery.payload()).isEqualTo("single");
      client.send(MqttBytes.puback(delivery.packetId()));
      client.expectNothing(Quiet.WINDOW);
    }
  }

  @Test
  void resubscribingWithAnotherQosReplacesTheSubscription_MQTT_3_8_4_3() throws Exception {
    String topic = Names.topic("replace");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("replace"))) {
      client.subscribe(topic, 2);
      client.subscribe(topic, 0);
      client.publish(topic, "downgraded", 2);

      assertThat(client.awaitMessage()).isEqualTo(new Received(topic, "downgraded", 0, false));
      Quiet.holds(() -> client.received().size() == 1);
    }
  }
}
