package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import io.petrel.codec.Subscribe;
import io.petrel.codec.Subscription;
import io.petrel.codec.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topic aliases both ways (MQTT 5.0 section 3.3.2.3.4). */
class TopicAliasIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  private static Mqtt5BlockingClient hive(String id, int sendAliases, int receiveAliases) {
    Mqtt5BlockingClient c = HiveV5Client.blocking(BROKER.port(), id);
    c.connectWith()
        .restrictions()
        .sendTopicAliasMaximum(sendAliases)
        .topicAliasMaximum(receiveAliases)
        .applyRestrictions()
        .send();
    return c;
  }

  private static byte[] publish(String topic, int alias, String payload) {
    return V5Bytes.encode(
        new Publish(
            topic,
            Bytes.wrap(payload.getBytes(StandardCharsets.UTF_8)),
            QoS.AT_MOST_ONCE,
            false,
            false,
            0,
            MqttProperties.builder().integer(PropertyId.TOPIC_ALIAS, alias).build()));
  }

  @Test
  void aClientsAliasesResolveToTheirTopicsAndAreNotForwarded_MQTT_3_3_2_12() throws Exception {
    String topic = Names.topic("alias-in");
    Mqtt5BlockingClient sub = hive(Names.clientId("alias-in-sub"), 0, 0);
    try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL);
        RawMqttClient raw =
            V5Bytes.connected(BROKER.port(), Names.clientId("alias-in"), MqttProperties.EMPTY)) {
      sub.subscribeWith().topicFilter(topic).send();
      raw.send(publish(topic, 3, "first"));
      raw.send(publish("", 3, "second")); // empty topic: the alias stands for it
      for (String expected : List.of("first", "second")) {
        Mqtt5Publish m = received.receive(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(m.getTopic().toString()).isEqualTo(topic);
        assertThat(new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
      }
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void theHiveMqClientsOwnAliasesWork() throws Exception {
    String topic = Names.topic("alias-hive");
    Mqtt5BlockingClient sub = hive(Names.clientId("alias-hive-sub"), 0, 0);
    Mqtt5BlockingClient pub = hive(Names.clientId("alias-hive-pub"), 5, 0);
    try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      for (int i = 0; i < 5; i++) {
        pub.publishWith()
            .topic(topic)
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(new byte[] {(byte) i})
            .send();
      }
      for (int i = 0; i < 5; i++) {
        Mqtt5Publish m = received.receive(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(m.getTopic().toString()).isEqualTo(topic);
        assertThat(m.getPayloadAsBytes()).containsExactly((byte) i);
      }
    } finally {
      pub.disconnect();
      sub.disconnect();
    }
  }

  @Test
  void aliasZeroIsInvalid_MQTT_3_3_2_8() {
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("alias-zero"), MqttProperties.EMPTY)) {
      raw.send(publish(Names.topic("alias-zero"), 0, "x"));
      assertThat(V5Bytes.disconnectReason(raw.read())).isEqualTo(0x94);
      raw.awaitClosed();
    }
  }

  @Test
  void anAliasAboveTheMaximumIsInvalid_MQTT_3_3_2_9() {
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("alias-big"), MqttProperties.EMPTY)) {
      raw.send(publish(Names.topic("alias-big"), 11, "x")); // the default maximum is 10
      assertThat(V5Bytes.disconnectReason(raw.read())).isEqualTo(0x94);
      raw.awaitClosed();
    }
  }

  @Test
  void anAliasIsForgottenWithItsConnection_MQTT_3_3_2_7() {
    String id = Names.clientId("alias-reset");
    String topic = Names.topic("alias-reset");
    try (RawMqttClient first = V5Bytes.connected(BROKER.port(), id, MqttProperties.EMPTY)) {
      first.send(publish(topic, 1, "set"));
    }
    try (RawMqttClient second = V5Bytes.connected(BROKER.port(), id, MqttProperties.EMPTY)) {
      second.send(publish("", 1, "unknown alias"));
      assertThat(V5Bytes.disconnectReason(second.read())).isEqualTo(0x82); // protocol error
      second.awaitClosed();
    }
  }

  @Test
  void theServerSendsAliasesToAClientThatAllowsThem_MQTT_3_3_2_10() throws Exception {
    String topic = Names.topic("alias-out");
    try (RawMqttClient raw =
        V5Bytes.connected(
            BROKER.port(),
            Names.clientId("alias-out"),
            MqttProperties.builder().integer(PropertyId.TOPIC_ALIAS_MAXIMUM, 2).build())) {
      raw.send(
          V5Bytes.encode(
              new Subscribe(
                  1,
                  List.of(new Subscription(topic, SubscriptionOptions.of(QoS.AT_MOST_ONCE))),
                  MqttProperties.EMPTY)));
      assertThat(raw.read().type()).isEqualTo(MqttBytes.SUBACK);
      Mqtt5BlockingClient pub = hive(Names.clientId("alias-out-pub"), 0, 0);
      for (int i = 0; i < 3; i++) {
        pub.publishWith().topic(topic).payload(new byte[] {(byte) i}).send();
      }
      pub.disconnect();
      List<RawPacket> publishes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        publishes.add(raw.expectPublish());
      }
      // The first carries the topic and alias 1, the others only the alias.
      assertThat(publishes.get(0).topic()).isEqualTo(topic);
      assertThat(publishes.get(1).topic()).isEmpty();
      assertThat(publishes.get(2).topic()).isEmpty();
      for (RawPacket p : publishes) {
        assertThat(p.hex()).contains("23 00 01"); // property 0x23 Topic Alias = 1
      }
    }
  }

  @Test
  void aHiveMqSubscriberAllowingAliasesGetsTheRightTopics() throws Exception {
    String a = Names.topic("alias-hive-a");
    String b = Names.topic("alias-hive-b");
    Mqtt5BlockingClient sub = hive(Names.clientId("alias-hive-rx"), 0, 1); // one alias only
    Mqtt5BlockingClient pub = hive(Names.clientId("alias-hive-tx"), 0, 0);
    try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(a).qos(MqttQos.AT_LEAST_ONCE).send();
      sub.subscribeWith().topicFilter(b).qos(MqttQos.AT_LEAST_ONCE).send();
      List<String> order = List.of(a, b, a, a, b);
      for (String t : order) {
        pub.publishWith().topic(t).qos(MqttQos.AT_LEAST_ONCE).send();
      }
      for (String t : order) {
        Optional<Mqtt5Publish> m = received.receive(5, TimeUnit.SECONDS);
        assertThat(m).isPresent();
        assertThat(m.get().getTopic().toString()).isEqualTo(t);
      }
    } finally {
      pub.disconnect();
      sub.disconnect();
    }
  }
}
