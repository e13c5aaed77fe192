package io.petrel.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Does a QoS 2 message get delivered exactly once when the publisher or the subscriber re-sends?
 */
class ExactlyOnceIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void publishReSentWithDupBeforePubrelIsDeliveredOnce_MQTT_4_3_3_2() throws Exception {
    String topic = Names.topic("qos2-dup");
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("qos2-sub"));
        RawMqttClient publisher =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("qos2-pub")))) {
      subscriber.subscribe(topic, 2);

      publisher.send(MqttBytes.publish(topic, "once".getBytes(UTF_8), 2, false, false, 7));
      publisher.expect("50 02 00 07");
      publisher.send(MqttBytes.publish(topic, "once".getBytes(UTF_8), 2, false, true, 7));
      publisher.expect("50 02 00 07");
      publisher.send(MqttBytes.pubrel(7));
      publisher.expect("70 02 00 07");

      assertThat(subscriber.awaitMessage()).isEqualTo(new Received(topic, "once", 2, false));
      Quiet.holds(() -> subscriber.received().size() == 1);
    }
  }

  @Test
  void samePacketIdAfterPubcompStartsANewMessage() throws Exception {
    String topic = Names.topic("qos2-reuse");
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("reuse-sub"));
        RawMqttClient publisher =
            RawMqttClient.connected(
                BROKER.port(), MqttBytes.connect(Names.clientId("reuse-pub")))) {
      subscriber.subscribe(topic, 2);
      for (String payload : new String[] {"first", "second"}) {
        publisher.send(MqttBytes.publish(topic, payload, 2, 9));
        publisher.expect("50 02 00 09");
        publisher.send(MqttBytes.pubrel(9));
        publisher.expect("70 02 00 09");
      }
      subscriber.awaitMessages(2);
      assertThat(subscriber.payloads()).containsExactly("first", "second");
    }
  }

  @Test
  void brokerRunsTheQos2FlowToASubscriber_PUBLISH_PUBREC_PUBREL_PUBCOMP() throws Exception {
    String topic = Names.topic("qos2-out");
    try (RawMqttClient subscriber =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("out-sub")));
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("out-pub"))) {
      subscriber.send(MqttBytes.subscribe(1, topic, 2));
      subscriber.expect("90 03 00 01 02");
      publisher.publish(topic, "flow", 2);

      RawPacket publish = subscriber.expectPublish();
      assertThat(publish.qos()).isEqualTo(2);
      assertThat(publish.dup()).isFalse();
      assertThat(publish.retain()).isFalse();
      assertThat(publish.topic()).isEqualTo(topic);
      assertThat(publish.payload()).isEqualTo("flow");
      assertThat(publish.packetId()).isNotZero(); // [MQTT-2.3.1-1]
      subscriber.send(MqttBytes.pubrec(publish.packetId()));
      subscriber.expect(Hex.format(MqttBytes.ack(0x62, publish.packetId())));
      subscriber.send(MqttBytes.pubcomp(publish.packetId()));
      subscriber.ping();
    }
  }

  @Test
  void unacknowledgedQos2PublishIsReSentWithDupAndSamePacketIdOnReconnect_MQTT_4_4_0_1()
      throws Exception {
    String id = Names.clientId("qos2-resume");
    String topic = Names.topic("qos2-resume");
    MqttBytes.Connect connect = MqttBytes.connect(id).cleanSession(false);
    int packetId;
    try (RawMqttClient subscriber = RawMqttClient.connected(BROKER.port(), connect);
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("resume-pub"))) {
      subscriber.send(MqttBytes.subscribe(1, topic, 2));
      subscriber.expect("90 03 00 01 02");
      publisher.publish(topic, "again", 2);

      RawPacket first = subscriber.expectPublish();
      assertThat(first.dup()).isFalse();
      packetId = first.packetId();
      subscriber.send(MqttBytes.disconnect()); // without PUBREC
      subscriber.awaitClosed();
    }

    try (RawMqttClient subscriber = RawMqttClient.open(BROKER.port())) {
      subscriber.send(connect.bytes());
      subscriber.expect("20 02 01 00");
      RawPacket resent = subscriber.expectPublish();
      assertThat(resent.dup()).isTrue(); // [MQTT-3.3.1-1]
      assertThat(resent.qos()).isEqualTo(2);
      assertThat(resent.packetId()).isEqualTo(packetId);
      assertThat(resent.topic()).isEqualTo(topic);
      assertThat(resent.payload()).isEqualTo("again");

      subscriber.send(MqttBytes.pubrec(packetId));
      subscriber.expect(Hex.format(MqttBytes.ack(0x62, packetId)));
      subscriber.send(MqttBytes.disconnect()); // without PUBCOMP
      subscriber.awaitClosed();
    }

    try (RawMqttClient subscriber = RawMqttClient.open(BROKER.port())) {
      subscriber.send(connect.bytes());
      subscriber.expect("20 02 01 00");
      // Once PUBREC was received the PUBLISH is never sent again, only the PUBREL [MQTT-4.3.3-1].
      subscriber.expect(Hex.format(MqttBytes.ack(0x62, packetId)));
      subscriber.send(MqttBytes.pubcomp(packetId));
      subscriber.expectNothing(Quiet.WINDOW);
    }
  }

  @Test
  void unacknowledgedQos1PublishIsReSentWithDupOnReconnect_MQTT_4_4_0_1() throws Exception {
    String id = Names.clientId("qos1-resume");
    String topic = Names.topic("qos1-resume");
    MqttBytes.Connect connect = MqttBytes.connect(id).cleanSession(false);
    int packetId;
    try (RawMqttClient subscriber = RawMqttClient.connected(BROKER.port(), connect);
        PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("resume1-pub"))) {
      subscriber.send(MqttBytes.subscribe(1, topic, 1));
      subscriber.expect("90 03 00 01 01");
      publisher.publish(topic, "at least once", 1);
      packetId = subscriber.expectPublish().packetId();
      subscriber.kill(); // without PUBACK
    }

    try (RawMqttClient subscriber = RawMqttClient.open(BROKER.port())) {
      subscriber.send(connect.bytes());
      subscriber.expect("20 02 01 00");
      RawPacket resent = subscriber.expectPublish();
      assertThat(resent.dup()).isTrue();
      assertThat(resent.qos()).isEqualTo(1);
      assertThat(resent.packetId()).isEqualTo(packetId);
      assertThat(resent.payload()).isEqualTo("at least once");
      subscriber.send(MqttBytes.puback(packetId));
      subscriber.expectNothing(Quiet.WINDOW);
    }
  }

  @Test
  void pubrelForAnUnknownPacketIdIsStillAnsweredWithPubcomp_MQTT_4_3_3_1() {
    // A PUBREL re-sent after the broker already completed the flow must not stall the client.
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("pubrel")))) {
      client.send(MqttBytes.pubrel(0x1234));
      client.expect("70 02 12 34");
      client.ping();
    }
  }

  @Test
  void qos2MessageIsStoredOnceEvenIfThePublisherReconnectsBeforePubrel() throws Exception {
    // The inbound QoS 2 state belongs to the session [MQTT-4.1.0-1]: a persistent publisher that
    // reconnects re-sends the PUBLISH with DUP, and still only one copy goes out.
    String id = Names.clientId("qos2-pub-resume");
    String topic = Names.topic("qos2-pub-resume");
    MqttBytes.Connect connect = MqttBytes.connect(id).cleanSession(false);
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("pub-resume-sub"))) {
      subscriber.subscribe(topic, 2);
      try (RawMqttClient publisher = RawMqttClient.connected(BROKER.port(), connect)) {
        publisher.send(MqttBytes.publish(topic, "once".getBytes(UTF_8), 2, false, false, 11));
        publisher.expect("50 02 00 0B");
        publisher.send(MqttBytes.disconnect());
        publisher.awaitClosed();
      }
      try (RawMqttClient publisher = RawMqttClient.open(BROKER.port())) {
        publisher.send(connect.bytes());
        publisher.expect("20 02 01 00");
        publisher.send(MqttBytes.publish(topic, "once".getBytes(UTF_8), 2, false, true, 11));
        publisher.expect("50 02 00 0B");
        publisher.send(MqttBytes.pubrel(11));
        publisher.expect("70 02 00 0B");
      }
      subscriber.awaitMessage();
      Quiet.holds(() -> subscriber.received().size() == 1);
    }
  }
}
