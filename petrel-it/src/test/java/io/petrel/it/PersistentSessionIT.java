package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does a persistent session keep subscriptions and queue QoS 1 and 2 messages while offline? */
class PersistentSessionIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @RegisterExtension
  static final BrokerExtension QUEUE_QOS0 =
      BrokerExtension.withConfig(b -> b.queueQos0Messages(true));

  @Test
  void qos1And2MessagesPublishedWhileOfflineAreDeliveredInOrderOnReconnect_MQTT_3_1_2_4()
      throws Exception {
    String id = Names.clientId("offline");
    String topic = Names.topic("offline");
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      subscriber.subscribe(topic, 1);
    }
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("offline-pub"))) {
      publisher.publish(topic, "one", 1);
      publisher.publish(topic, "two", 2);
      publisher.publish(topic, "three", 1);
      publisher.publish(topic, "four", 2);
    }
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      assertThat(subscriber.sessionPresent()).isTrue();
      subscriber.awaitMessages(4);
      assertThat(subscriber.payloads()).containsExactly("one", "two", "three", "four");
      Quiet.holds(() -> subscriber.received().size() == 4);
    }
  }

  @Test
  void queuedMessagesGoOutOnTheWireInPublishOrderAtTheirOwnQos_MQTT_4_6_0_2() throws Exception {
    // Byte level, because Paho hands a QoS 2 message to the application only on PUBREL and so
    // can reorder a mix of QoS 1 and 2 on its own.
    String id = Names.clientId("offline-raw");
    String topic = Names.topic("offline-raw");
    MqttBytes.Connect connect = MqttBytes.connect(id).cleanSession(false);
    try (RawMqttClient subscriber = RawMqttClient.connected(BROKER.port(), connect)) {
      subscriber.send(MqttBytes.subscribe(1, topic, 2));
      subscriber.expect("90 03 00 01 02");
      subscriber.send(MqttBytes.disconnect());
      subscriber.awaitClosed();
    }
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("offline-raw-pub"))) {
      publisher.publish(topic, "one", 1);
      publisher.publish(topic, "two", 2);
      publisher.publish(topic, "three", 1);
      publisher.publish(topic, "four", 2);
    }
    try (RawMqttClient subscriber = RawMqttClient.open(BROKER.port())) {
      subscriber.send(connect.bytes());
      subscriber.expect("20 02 01 00");
      List<RawPacket> publishes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        publishes.add(subscriber.expectPublish());
      }
      assertThat(publishes)
          .extracting(RawPacket::payload)
          .containsExactly("one", "two", "three", "four");
      assertThat(publishes).extracting(RawPacket::qos).containsExactly(1, 2, 1, 2);
      assertThat(publishes).extracting(RawPacket::dup).containsOnly(false);
      for (RawPacket publish : publishes) {
        if (publish.qos() == 1) {
          subscriber.send(MqttBytes.puback(publish.packetId()));
        } else {
          subscriber.send(MqttBytes.pubrec(publish.packetId()));
          subscriber.expect(Hex.format(MqttBytes.ack(0x62, publish.packetId())));
          subscriber.send(MqttBytes.pubcomp(publish.packetId()));
        }
      }
      subscriber.expectNothing(Quiet.WINDOW);
    }
  }

  @Test
  void queuedMessagesAreDowngradedToTheSubscriptionQos() throws Exception {
    String id = Names.clientId("offline-q1");
    String topic = Names.topic("offline-q1");
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      subscriber.subscribe(topic, 1);
    }
    try (HiveClient publisher = HiveClient.connect(BROKER, Names.clientId("offline-q1-pub"))) {
      publisher.publish(topic, "was qos 2", 2);
    }
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      assertThat(subscriber.awaitMessage()).isEqualTo(new Received(topic, "was qos 2", 1, false));
    }
  }

  @Test
  void qos0MessagesAreNotQueuedForAnOfflineSessionByDefault() throws Exception {
    String id = Names.clientId("offline-q0");
    String topic = Names.topic("offline-q0");
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      subscriber.subscribe(topic, 1);
    }
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("offline-q0-pub"))) {
      publisher.publish(topic, "dropped", 0);
      publisher.publish(topic, "kept", 1);
    }
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      assertThat(subscriber.awaitMessage().payload()).isEqualTo("kept");
      Quiet.holds(() -> subscriber.received().size() == 1);
    }
  }

  @Test
  void subscriptionsSurviveReconnectWithoutCleanSession() throws Exception {
    String id = Names.clientId("keep-subs");
    String topic = Names.topic("keep-subs");
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      subscriber.subscribe(topic, 1);
    }
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      subscriber.publish(topic, "still subscribed", 1);
      assertThat(subscriber.awaitMessage().payload()).isEqualTo("still subscribed");
    }
  }

  @Test
  void subscriptionsOfACleanSessionAreGoneAfterReconnect_MQTT_3_1_2_6() throws Exception {
    String id = Names.clientId("clean");
    String topic = Names.topic("clean");
    try (PahoClient client = PahoClient.connect(BROKER, id)) {
      client.subscribe(topic, 1);
    }
    try (PahoClient client = PahoClient.connect(BROKER, id)) {
      assertThat(client.sessionPresent()).isFalse();
      client.publish(topic, "nobody listens", 1);
      Quiet.holds(() -> client.received().isEmpty());
    }
  }

  @Test
  void connectingWithCleanSessionDiscardsAPersistentSessionAndItsQueue_MQTT_3_1_2_6()
      throws Exception {
    String id = Names.clientId("discard");
    String topic = Names.topic("discard");
    try (PahoClient client = PahoClient.connectPersistent(BROKER, id)) {
      client.subscribe(topic, 1);
    }
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("discard-pub"))) {
      publisher.publish(topic, "queued", 1);
    }
    try (PahoClient client = PahoClient.connect(BROKER, id)) {
      assertThat(client.sessionPresent()).isFalse();
      client.publish(topic, "after clean start", 1);
      Quiet.holds(() -> client.received().isEmpty());
    }
    try (PahoClient client = PahoClient.connectPersistent(BROKER, id)) {
      assertThat(client.sessionPresent()).isFalse(); // the clean session ended with its connection
      Quiet.holds(() -> client.received().isEmpty());
    }
  }

  @Test
  void qos0MessagesAreQueuedWhenQueueQos0MessagesIsOn() throws Exception {
    String id = Names.clientId("queue-q0");
    String topic = Names.topic("queue-q0");
    try (PahoClient subscriber = PahoClient.connectPersistent(QUEUE_QOS0, id)) {
      subscriber.subscribe(topic, 1);
    }
    try (PahoClient publisher = PahoClient.connect(QUEUE_QOS0, Names.clientId("queue-q0-pub"))) {
      publisher.publish(topic, "q0", 0);
      publisher.publish(topic, "q1", 1);
    }
    try (PahoClient subscriber = PahoClient.connectPersistent(QUEUE_QOS0, id)) {
      subscriber.awaitMessages(2);
      assertThat(subscriber.received())
          .containsExactly(
              new Received(topic, "q0", 0, false), new Received(topic, "q1", 1, false));
    }
  }
}
