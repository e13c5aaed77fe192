package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.PersistenceSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable store (RocksDB in a data directory) across a broker restart: sessions with their
 * subscriptions and expiry, and retained messages, come back.
 */
class DurableStoreIT {
  @TempDir Path data;
  private Broker broker;

  private Broker start() {
    broker =
        Broker.start(
            BrokerConfig.builder()
                .listeners(List.of(ListenerConfig.loopback(0)))
                .persistence(PersistenceSettings.defaults().withDirectory(data))
                .build());
    return broker;
  }

  private void restart() {
    broker.close();
    start();
  }

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private Mqtt5BlockingClient client(String id) {
    return HiveV5Client.blocking(broker.port(), id);
  }

  private void publish(String topic, String payload, boolean retain) {
    publish(topic, payload, retain, MqttQos.AT_LEAST_ONCE);
  }

  private void publish(String topic, String payload, boolean retain, MqttQos qos) {
    Mqtt5BlockingClient p = client(Names.clientId("durable-pub"));
    p.connect();
    p.publishWith()
        .topic(topic)
        .qos(qos)
        .retain(retain)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
    p.disconnect();
  }

  @Test
  void aSessionWithItsSubscriptionsSurvivesARestart() throws Exception {
    start();
    String id = Names.clientId("durable-session");
    String topic = Names.topic("durable-session");
    Mqtt5BlockingClient first = client(id);
    first.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
    first.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    first.disconnect();

    restart();
    Mqtt5BlockingClient back = client(id);
    try (Mqtt5BlockingClient.Mqtt5Publishes received =
        back.publishes(MqttGlobalPublishFilter.ALL)) {
      assertThat(back.connectWith().cleanStart(false).send().isSessionPresent()).isTrue();
      publish(topic, "after restart", false);
      Mqtt5Publish m = received.receive(5, TimeUnit.SECONDS).orElseThrow();
      assertThat(new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8))
          .isEqualTo("after restart");
    } finally {
      back.disconnectWith().sessionExpiryInterval(0).send();
    }
  }

  @Test
  void aSessionThatExpiresWhileTheBrokerIsDownIsGone() throws Exception {
    start();
    String id = Names.clientId("durable-expiry");
    Mqtt5BlockingClient first = client(id);
    first.connectWith().cleanStart(true).sessionExpiryInterval(1).send();
    first.disconnect();
    broker.close();
    Thread.sleep(1_500);
    start();
    Mqtt5BlockingClient back = client(id);
    assertThat(back.connectWith().cleanStart(false).send().isSessionPresent()).isFalse();
    back.disconnect();
  }

  @Test
  void retainedMessagesSurviveARestart() throws Exception {
    start();
    String topic = Names.topic("durable-retained");
    publish(topic, "kept", true);
    restart();
    Mqtt5BlockingClient sub = client(Names.clientId("durable-retained"));
    sub.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(topic).send();
      Mqtt5Publish m = received.receive(5, TimeUnit.SECONDS).orElseThrow();
      assertThat(m.isRetain()).isTrue();
      assertThat(new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void queuedMessagesSurviveARestartInOrder() throws Exception {
    start();
    String id = Names.clientId("durable-queue");
    String topic = Names.topic("durable-queue");
    String uri = "tcp://127.0.0.1:" + broker.port();
    try (PahoClient sub = PahoClient.connect(uri, id, o -> o.setCleanSession(false))) {
      sub.subscribe(topic, 1);
    }
    try (PahoClient pub = PahoClient.connect(uri, Names.clientId("durable-queue-pub"))) {
      for (int i = 0; i < 200; i++) {
        pub.publish(topic, Integer.toString(i), i % 2 + 1); // QoS 1 and 2 alike
      }
    }
    restart();
    String uri2 = "tcp://127.0.0.1:" + broker.port();
    try (PahoClient back = PahoClient.connect(uri2, id, o -> o.setCleanSession(false))) {
      assertThat(back.sessionPresent()).isTrue();
      back.awaitMessages(200);
      assertThat(back.payloads())
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, 200).mapToObj(Integer::toString).toList());
    }
  }

  @Test
  void aQos2DeliveryInFlightComesBackWithItsPacketId_MQTT_4_3_3_9() throws Exception {
    start();
    String id = Names.clientId("durable-qos2");
    String topic = Names.topic("durable-qos2");
    RawMqttClient sub =
        RawMqttClient.connected(broker.port(), MqttBytes.connect(id).cleanSession(false));
    sub.send(MqttBytes.subscribe(1, topic, 2));
    sub.read(); // SUBACK
    publish(topic, "exactly once", false, MqttQos.EXACTLY_ONCE);
    RawPacket first = sub.expectPublish(); // never acknowledged
    sub.close();
    restart();
    RawMqttClient back = RawMqttClient.open(broker.port());
    back.send(MqttBytes.connect(id).cleanSession(false).bytes());
    back.expect("20 02 01 00"); // session present
    RawPacket again = back.expectPublish();
    assertThat(again.dup()).isTrue();
    assertThat(again.packetId()).isEqualTo(first.packetId());
    assertThat(again.payload()).isEqualTo("exactly once");
    back.send(MqttBytes.pubrec(again.packetId()));
    back.expect("62 02 " + hex16(again.packetId())); // PUBREL
    back.send(MqttBytes.pubcomp(again.packetId()));
    back.close();
  }

  @Test
  void aReleasedQos2DeliveryComesBackAsPubrel() throws Exception {
    start();
    String id = Names.clientId("durable-pubrel");
    String topic = Names.topic("durable-pubrel");
    RawMqttClient sub =
        RawMqttClient.connected(broker.port(), MqttBytes.connect(id).cleanSession(false));
    sub.send(MqttBytes.subscribe(1, topic, 2));
    sub.read();
    publish(topic, "released", false, MqttQos.EXACTLY_ONCE);
    RawPacket p = sub.expectPublish();
    sub.send(MqttBytes.pubrec(p.packetId()));
    sub.expect("62 02 " + hex16(p.packetId()));
    sub.close(); // no PUBCOMP
    restart();
    RawMqttClient back = RawMqttClient.open(broker.port());
    back.send(MqttBytes.connect(id).cleanSession(false).bytes());
    back.expect("20 02 01 00");
    back.expect("62 02 " + hex16(p.packetId())); // PUBREL again, not the PUBLISH
    back.send(MqttBytes.pubcomp(p.packetId()));
    back.expectNothing(java.time.Duration.ofMillis(300));
    back.close();
  }

  @Test
  void anInboundQos2MessageIsRoutedOnceAcrossARestart_MQTT_4_3_3_2() throws Exception {
    start();
    String topic = Names.topic("durable-inbound");
    String subId = Names.clientId("durable-inbound-sub");
    String uri = "tcp://127.0.0.1:" + broker.port();
    try (PahoClient sub = PahoClient.connect(uri, subId, o -> o.setCleanSession(false))) {
      sub.subscribe(topic, 2);
    }
    String pubId = Names.clientId("durable-inbound-pub");
    RawMqttClient pub =
        RawMqttClient.connected(broker.port(), MqttBytes.connect(pubId).cleanSession(false));
    pub.send(MqttBytes.publish(topic, "once", 2, 7));
    pub.expect("50 02 00 07"); // PUBREC: the broker owns the message now
    pub.close();
    restart();
    RawMqttClient again = RawMqttClient.open(broker.port());
    again.send(MqttBytes.connect(pubId).cleanSession(false).bytes());
    again.expect("20 02 01 00");
    // Re-sent with DUP, as if the PUBREC had been lost.
    again.send(
        MqttBytes.publish(topic, "once".getBytes(StandardCharsets.UTF_8), 2, false, true, 7));
    again.expect("50 02 00 07");
    again.send(MqttBytes.pubrel(7));
    again.expect("70 02 00 07");
    again.close();
    String uri2 = "tcp://127.0.0.1:" + broker.port();
    try (PahoClient sub = PahoClient.connect(uri2, subId, o -> o.setCleanSession(false))) {
      sub.awaitMessages(1);
      Thread.sleep(300);
      assertThat(sub.payloads()).containsExactly("once");
    }
  }

  private static String hex16(int value) {
    return String.format("%02X %02X", value >> 8, value & 0xFF);
  }

  @Test
  void anMqtt311PersistentSessionSurvivesARestart() throws Exception {
    start();
    String id = Names.clientId("durable-v3");
    String topic = Names.topic("durable-v3");
    try (PahoClient first =
        PahoClient.connect("tcp://127.0.0.1:" + broker.port(), id, o -> o.setCleanSession(false))) {
      first.subscribe(topic, 1);
    }
    restart();
    try (PahoClient back =
        PahoClient.connect("tcp://127.0.0.1:" + broker.port(), id, o -> o.setCleanSession(false))) {
      assertThat(back.sessionPresent()).isTrue();
    }
  }
}
