package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckRestrictions;
import io.petrel.codec.MqttProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Does every PUBLISH carry the Subscription Identifiers of the subscriptions it was sent for (MQTT
 * 5.0 sections 3.8.2.1.2 and 3.3.2.3.8), and never to an MQTT 3.1.1 client?
 */
class SubscriptionIdentifierIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void connackSaysSubscriptionIdentifiersAndSharedSubscriptionsAreAvailable() {
    try (HiveV5Client client = HiveV5Client.connect(BROKER.port(), Names.clientId("sid-ca"))) {
      Mqtt5ConnAckRestrictions restrictions = client.connAck().getRestrictions();
      assertThat(restrictions.areSubscriptionIdentifiersAvailable()).isTrue();
      assertThat(restrictions.isSharedSubscriptionAvailable()).isTrue();
    }
  }

  @Test
  void aMessageCarriesItsSubscriptionsIdentifier_MQTT_3_3_4_3() throws Exception {
    String topic = Names.topic("sid-single");
    try (PahoV5Client sub = PahoV5Client.connect(BROKER, Names.clientId("sid-s"))) {
      assertThat(sub.subscribe(topic, 1, 42)).isEqualTo(1);
      sub.publish(topic, "hello", 1, false);
      PahoV5Client.Delivery d = sub.awaitMessage();
      assertThat(d.payload()).isEqualTo("hello");
      assertThat(d.subscriptionIds()).containsExactly(42);
    }
  }

  @Test
  void overlappingSubscriptionsGiveOneCopyWithEveryIdentifier_MQTT_3_3_4_4() throws Exception {
    String topic = Names.topic("sid-overlap");
    try (PahoV5Client sub = PahoV5Client.connect(BROKER, Names.clientId("sid-o"))) {
      sub.subscribe(topic + "/+", 0, 1);
      sub.subscribe(topic + "/#", 1, 268_435_455); // the largest identifier
      sub.subscribe(topic + "/x", 0); // matches too, without an identifier
      sub.publish(topic + "/x", "one copy", 1, false);
      sub.publish(topic + "/end", "marker", 0, false); // arrives after any second copy would
      List<PahoV5Client.Delivery> got = sub.awaitMessages(2);
      assertThat(got)
          .extracting(PahoV5Client.Delivery::payload)
          .containsExactly("one copy", "marker");
      assertThat(got.get(0).qos()).isEqualTo(1); // the highest granted QoS
      assertThat(got.get(0).subscriptionIds()).containsExactlyInAnyOrder(1, 268_435_455);
      assertThat(got.get(1).subscriptionIds()).containsExactlyInAnyOrder(1, 268_435_455);
    }
  }

  @Test
  void subscribingAgainWithoutAnIdentifierRemovesIt() throws Exception {
    String topic = Names.topic("sid-removed");
    try (PahoV5Client sub = PahoV5Client.connect(BROKER, Names.clientId("sid-r"))) {
      sub.subscribe(topic, 1, 5);
      sub.subscribe(topic, 1);
      sub.publish(topic, "plain", 1, false);
      assertThat(sub.awaitMessage().subscriptionIds()).isEmpty();
    }
  }

  @Test
  void aRetainedMessageSentOnSubscribeCarriesTheNewSubscriptionsIdentifier() throws Exception {
    String topic = Names.topic("sid-retained");
    try (PahoV5Client publisher = PahoV5Client.connect(BROKER, Names.clientId("sid-rp"))) {
      publisher.publish(topic, "kept", 1, true);
    }
    try (PahoV5Client sub = PahoV5Client.connect(BROKER, Names.clientId("sid-rs"))) {
      sub.subscribe(topic, 1, 9);
      PahoV5Client.Delivery d = sub.awaitMessage();
      assertThat(d.retained()).isTrue(); // [MQTT-3.3.1-8]
      assertThat(d.subscriptionIds()).containsExactly(9);
      sub.publish(topic, "", 1, true); // clean up the retained message
    }
  }

  @Test
  void aPersistentSessionKeepsItsIdentifiersAcrossAReconnect() throws Exception {
    String id = Names.clientId("sid-p");
    String topic = Names.topic("sid-persistent");
    try (PahoV5Client sub = PahoV5Client.connectPersistent(BROKER, id)) {
      sub.subscribe(topic, 1, 77);
    }
    try (PahoV5Client publisher = PahoV5Client.connect(BROKER, Names.clientId("sid-pp"))) {
      publisher.publish(topic, "while away", 1, false);
    }
    try (PahoV5Client sub = PahoV5Client.connectPersistent(BROKER, id)) {
      assertThat(sub.sessionPresent()).isTrue();
      assertThat(sub.awaitMessage().subscriptionIds()).containsExactly(77);
      sub.publish(topic, "back", 1, false);
      PahoV5Client.Delivery live = sub.awaitMessages(2).get(1);
      assertThat(live.payload()).isEqualTo("back");
      assertThat(live.subscriptionIds()).containsExactly(77);
      sub.unsubscribe(topic);
    }
  }

  @Test
  void aSharedSubscriptionsIdentifierGoesWithItsMessages() throws Exception {
    String topic = Names.topic("sid-shared");
    try (PahoV5Client member = PahoV5Client.connect(BROKER, Names.clientId("sid-sh"))) {
      member.subscribe("$share/ids/" + topic, 1, 11);
      member.subscribe(topic, 1, 12);
      member.publish(topic, "twice", 1, false);
      List<PahoV5Client.Delivery> got = member.awaitMessages(2);
      assertThat(got)
          .extracting(PahoV5Client.Delivery::subscriptionIds)
          .containsExactlyInAnyOrder(List.of(11), List.of(12)); // [MQTT-3.3.4-5]
    }
  }

  @Test
  void anMqtt311SubscriberNeverSeesIdentifiers() throws Exception {
    String topic = Names.topic("sid-v3");
    try (RawMqttClient v3 =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("sid-v3")));
        PahoV5Client v5 = PahoV5Client.connect(BROKER, Names.clientId("sid-v5"))) {
      v3.send(MqttBytes.subscribe(1, topic, 0));
      v3.expect("90 03 00 01 00");
      v5.subscribe(topic, 0, 3);
      v5.publish(topic, "both", 0, false);
      // The 3.1.1 PUBLISH is exactly topic and payload: no properties.
      assertThat(v3.read().hex())
          .isEqualTo(
              Hex.format(
                  MqttBytes.publish(
                      topic, "both".getBytes(StandardCharsets.UTF_8), 0, false, false, 0)));
      assertThat(v5.awaitMessage().subscriptionIds()).containsExactly(3);
    }
  }

  @Test
  void subscriptionIdentifierZeroIsAProtocolError() {
    try (RawMqttClient v5 =
        V5Bytes.connected(BROKER.port(), Names.clientId("sid-zero"), MqttProperties.EMPTY)) {
      // SUBSCRIBE id 1, properties: Subscription Identifier (0x0B) = 0; filter "t", QoS 0. The
      // identifier must be 1 to 268,435,455 (MQTT 5.0 section 3.8.2.1.2).
      v5.sendHex("82 09 00 01 02 0B 00 00 01 74 00");
      assertThat(V5Bytes.disconnectReason(v5.read())).isEqualTo(0x82);
      v5.awaitClosed();
    }
  }

  @Test
  void anIdentifierIsSentAsAVariableByteInteger() {
    try (RawMqttClient v5 =
        V5Bytes.connected(BROKER.port(), Names.clientId("sid-raw"), MqttProperties.EMPTY)) {
      // SUBSCRIBE id 1, Subscription Identifier 200 (C8 01), filter "sid/raw", QoS 0.
      v5.sendHex("82 10 00 01 03 0B C8 01 00 07 73 69 64 2F 72 61 77 00");
      v5.expect("90 04 00 01 00 00");
      v5.sendHex("30 0B 00 07 73 69 64 2F 72 61 77 00 70"); // PUBLISH QoS 0, no properties
      // PUBLISH QoS 0: topic, properties length 3, 0B C8 01, payload "p".
      v5.expect("30 0E 00 07 73 69 64 2F 72 61 77 03 0B C8 01 70");
    }
  }
}
