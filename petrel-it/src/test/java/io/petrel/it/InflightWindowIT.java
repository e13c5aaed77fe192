package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does the broker keep at most max_inflight_messages unacknowledged QoS 1 and 2 messages? */
class InflightWindowIT {
  @RegisterExtension
  static final BrokerExtension BROKER = BrokerExtension.withConfig(b -> b.maxInflightMessages(2));

  @Test
  void onlyTwoQos1MessagesAreInFlightUntilOneIsAcknowledged() throws Exception {
    String topic = Names.topic("window");
    try (RawMqttClient subscriber =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("win-sub")));
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("win-pub"))) {
      subscriber.send(MqttBytes.subscribe(1, topic, 1));
      subscriber.expect("90 03 00 01 01");
      for (int i = 0; i < 5; i++) {
        publisher.publish(topic, Integer.toString(i), 1);
      }

      RawPacket first = subscriber.expectPublish();
      RawPacket second = subscriber.expectPublish();
      assertThat(first.payload()).isEqualTo("0");
      assertThat(second.payload()).isEqualTo("1");
      subscriber.expectNothing(Quiet.WINDOW);

      subscriber.send(MqttBytes.puback(first.packetId()));
      RawPacket third = subscriber.expectPublish();
      assertThat(third.payload()).isEqualTo("2");
      subscriber.expectNothing(Quiet.WINDOW);

      subscriber.send(MqttBytes.puback(second.packetId()));
      subscriber.send(MqttBytes.puback(third.packetId()));
      RawPacket fourth = subscriber.expectPublish();
      RawPacket fifth = subscriber.expectPublish();
      assertThat(fourth.payload()).isEqualTo("3");
      assertThat(fifth.payload()).isEqualTo("4");
      assertThat(fifth.packetId()).isNotEqualTo(fourth.packetId());
    }
  }

  @Test
  void qos2MessageHoldsItsSlotUntilPubcomp() throws Exception {
    String topic = Names.topic("window2");
    try (RawMqttClient subscriber =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("win2-sub")));
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("win2-pub"))) {
      subscriber.send(MqttBytes.subscribe(1, topic, 2));
      subscriber.expect("90 03 00 01 02");
      for (int i = 0; i < 3; i++) {
        publisher.publish(topic, Integer.toString(i), 2);
      }

      RawPacket first = subscriber.expectPublish();
      RawPacket second = subscriber.expectPublish();
      subscriber.send(MqttBytes.pubrec(first.packetId()));
      subscriber.expect(Hex.format(MqttBytes.ack(0x62, first.packetId())));
      subscriber.expectNothing(Quiet.WINDOW); // PUBREC alone does not free the slot

      subscriber.send(MqttBytes.pubcomp(first.packetId()));
      assertThat(subscriber.expectPublish().payload()).isEqualTo("2");
      assertThat(second.payload()).isEqualTo("1");
    }
  }

  @Test
  void qos0MessagesAreNotHeldBackByAFullWindow() throws Exception {
    String topic = Names.topic("window0");
    try (RawMqttClient subscriber =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("win0-sub")));
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("win0-pub"))) {
      subscriber.send(MqttBytes.subscribe(1, topic, 1));
      subscriber.expect("90 03 00 01 01");
      publisher.publish(topic, "a", 1);
      publisher.publish(topic, "b", 1);
      subscriber.expectPublish();
      subscriber.expectPublish();

      publisher.publish(topic, "at most once", 0);
      RawPacket qos0 = subscriber.expectPublish();
      assertThat(qos0.qos()).isZero();
      assertThat(qos0.payload()).isEqualTo("at most once");
    }
  }
}
