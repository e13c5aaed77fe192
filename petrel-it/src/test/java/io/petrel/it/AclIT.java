package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does a broker with {@code acl_file} let each client publish, subscribe to and receive only what
 * Mosquitto's rules grant, and follow a changed file?
 */
class AclIT {
  private static final List<String> RULES =
      List.of(
          "# anonymous clients",
          "topic read public/#",
          "pattern readwrite clients/%c/#",
          "",
          "user alice",
          "topic readwrite sensors/#",
          "topic read readonly/#",
          "",
          "user bob",
          "topic read sensors/#",
          "topic deny sensors/secret");

  @TempDir Path dir;

  @RegisterExtension
  final BrokerExtension broker = BrokerExtension.withConfigAtStart(b -> b.aclFile(acl(RULES)));

  private Path acl(List<String> lines) {
    Path file = dir.resolve("acl");
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private PahoClient paho(String user) throws MqttException {
    return PahoClient.connect(
        broker,
        Names.clientId("acl-" + user),
        o -> {
          o.setUserName(user);
          o.setPassword("unchecked".toCharArray());
        });
  }

  private Mqtt5BlockingClient hive(String user) {
    Mqtt5BlockingClient client = HiveV5Client.blocking(broker.port(), Names.clientId("acl5"));
    client
        .connectWith()
        .simpleAuth()
        .username(user)
        .password("unchecked".getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth()
        .send();
    return client;
  }

  /** The granted QoS or failure code Paho reports for a subscription (it throws on 0x80). */
  private static int pahoSubscribe(PahoClient client, String filter) {
    try {
      return client.subscribe(filter, 1);
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  private static Mqtt5SubAck hiveSubscribe(Mqtt5BlockingClient client, String filter) {
    try {
      return client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
    } catch (Mqtt5SubAckException e) {
      return e.getMqttMessage();
    }
  }

  @Test
  void anOfflineSessionKeepsItsUsersReadRightsAcrossARestart() throws Exception {
    String id = Names.clientId("acl-offline");
    String topic = "sensors/offline/" + Names.clientId("t");
    try (PahoClient bob =
        PahoClient.connect(
            broker,
            id,
            o -> {
              o.setUserName("bob");
              o.setPassword("unchecked".toCharArray());
              o.setCleanSession(false);
            })) {
      bob.subscribe("sensors/#", 1);
    }
    broker.restart(); // the session comes back offline, with the user it belongs to
    try (PahoClient alice = paho("alice")) {
      alice.publish(topic, "while bob was away", 1);
    }
    try (PahoClient bob =
        PahoClient.connect(
            broker,
            id,
            o -> {
              o.setUserName("bob");
              o.setPassword("unchecked".toCharArray());
              o.setCleanSession(false);
            })) {
      bob.awaitMessages(1);
      assertThat(bob.payloads()).containsExactly("while bob was away");
    }
  }

  @Test
  void aMqtt311PublishWithoutWriteIsAcknowledgedButNotRouted() throws Exception {
    try (PahoClient alice = paho("alice")) {
      assertThat(pahoSubscribe(alice, "readonly/#")).isEqualTo(1);
      assertThat(pahoSubscribe(alice, "sensors/#")).isEqualTo(1);
      alice.publish("readonly/news", "denied", 1); // returns: PUBACK as usual
      alice.publish("readonly/news", "denied", 2);
      alice.publish("readonly/news", "denied", 0);
      alice.publish("sensors/t1", "granted", 1);

      assertThat(alice.awaitMessage("sensors/t1").payload()).isEqualTo("granted");
      assertThat(alice.received("readonly/news")).isEmpty();
      assertThat(alice.isConnected()).isTrue();
    }
  }

  @Test
  void aMqtt5PublishWithoutWriteGets0x87AndIsNotRouted() throws Exception {
    try (PahoClient reader = paho("alice")) {
      reader.subscribe("readonly/#", 1);
      Mqtt5BlockingClient alice = hive("alice");
      Mqtt5PubAck ack = refusedPubAck(alice, "readonly/news");
      assertThat(ack.getReasonCode().getCode()).isEqualTo(0x87);
      assertThat(ack.getReasonString())
          .hasValueSatisfying(r -> assertThat(r.toString()).contains("readonly/news"));
      // QoS 0 has no acknowledgement: dropped without a word, the connection stays.
      alice.publishWith().topic("readonly/news").payload(new byte[] {1}).send();
      alice.publishWith().topic("sensors/t1").qos(MqttQos.AT_LEAST_ONCE).send();
      reader.subscribe("sensors/#", 1);
      alice.publishWith().topic("sensors/t2").qos(MqttQos.AT_LEAST_ONCE).send();
      reader.awaitMessage("sensors/t2");
      assertThat(reader.received("readonly/news")).isEmpty();
      assertThat(alice.getState().isConnected()).isTrue();
      alice.disconnect();
    }
  }

  /** The PUBACK of a QoS 1 publish that the broker refuses; HiveMQ throws it. */
  static Mqtt5PubAck refusedPubAck(Mqtt5BlockingClient client, String topic) {
    try {
      client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    } catch (Mqtt5PubAckException e) {
      return e.getMqttMessage();
    }
    throw new AssertionError("publishing to " + topic + " was acknowledged with success");
  }

  @Test
  void aSubscribeWithoutReadGets0x80InMqtt311And0x87InMqtt5() throws Exception {
    try (PahoClient bob = paho("bob")) {
      assertThat(pahoSubscribe(bob, "#")).isEqualTo(0x80);
      assertThat(pahoSubscribe(bob, "readonly/#")).isEqualTo(0x80);
      assertThat(pahoSubscribe(bob, "sensors/+")).isEqualTo(1);
    }
    Mqtt5BlockingClient bob5 = hive("bob");
    Mqtt5SubAck ack = hiveSubscribe(bob5, "readonly/#");
    assertThat(ack.getReasonCodes().get(0).getCode()).isEqualTo(0x87);
    assertThat(ack.getReasonString())
        .hasValueSatisfying(r -> assertThat(r.toString()).contains("not authorized"));
    bob5.disconnect();
  }

  @Test
  void aWildcardSubscriberDoesNotReceiveADeniedTopic() throws Exception {
    try (PahoClient bob = paho("bob");
        PahoClient alice = paho("alice")) {
      assertThat(pahoSubscribe(bob, "sensors/#")).isEqualTo(1);
      alice.publish("sensors/secret", "hidden", 1);
      alice.publish("sensors/open", "seen", 1);

      assertThat(bob.awaitMessage("sensors/open").payload()).isEqualTo("seen");
      assertThat(bob.received("sensors/secret")).isEmpty();
    }
  }

  @Test
  void aDeniedRetainedMessageIsNotSentOnSubscribe() throws Exception {
    try (PahoClient alice = paho("alice")) {
      alice.publish("sensors/secret", "hidden", 1, true);
      alice.publish("sensors/open", "seen", 1, true);
    }
    try (PahoClient bob = paho("bob")) {
      bob.subscribe("sensors/#", 1);
      assertThat(bob.awaitMessage("sensors/open").retained()).isTrue();
      assertThat(bob.received("sensors/secret")).isEmpty();
    }
  }

  @Test
  void aPatternGrantsEachClientItsOwnSubtreeByClientId() throws Exception {
    String ownId = Names.clientId("acl-own");
    String otherId = Names.clientId("acl-other");
    try (PahoClient own = PahoClient.connect(broker, ownId);
        PahoClient other = PahoClient.connect(broker, otherId)) {
      assertThat(pahoSubscribe(own, "clients/" + ownId + "/#")).isEqualTo(1);
      assertThat(pahoSubscribe(other, "clients/" + ownId + "/#")).isEqualTo(0x80);
      own.publish("clients/" + ownId + "/x", "to myself", 1);
      own.publish("clients/" + otherId + "/x", "not mine", 1);
      other.publish("clients/" + ownId + "/x", "intruder", 1);
      own.publish("clients/" + ownId + "/y", "last", 1);

      own.awaitMessage("clients/" + ownId + "/y");
      assertThat(own.payloads()).containsExactly("to myself", "last");
    }
  }

  @Test
  void aReloadThatRemovesAGrantStopsDeliveriesAndSubscribes() throws Exception {
    try (PahoClient bob = paho("bob");
        PahoClient alice = paho("alice")) {
      bob.subscribe("sensors/#", 1);
      alice.publish("sensors/a", "before", 1);
      bob.awaitMessage("sensors/a");

      acl(RULES.subList(0, RULES.size() - 2)); // bob loses his read rules
      assertThat(broker.broker().reloadPasswords()).isTrue();

      alice.publish("sensors/b", "after", 1);
      alice.subscribe("sensors/#", 1);
      alice.publish("sensors/c", "marker", 1);
      alice.awaitMessage("sensors/c");
      assertThat(bob.received("sensors/b")).isEmpty();
      assertThat(bob.received("sensors/c")).isEmpty();
      assertThat(pahoSubscribe(bob, "sensors/#")).isEqualTo(0x80);
    }
  }

  @Test
  void aBrokenFileOnReloadKeepsTheRules() throws Exception {
    acl(List.of("user bob", "topics read sensors/#"));
    assertThat(broker.broker().reloadPasswords()).isFalse();
    try (PahoClient bob = paho("bob")) {
      assertThat(pahoSubscribe(bob, "sensors/#")).isEqualTo(1);
    }
  }

  @Test
  void aChangedFileIsPickedUpWithoutBeingAsked() throws Exception {
    acl(RULES.subList(0, RULES.size() - 2));
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              try (PahoClient bob = paho("bob")) {
                return pahoSubscribe(bob, "sensors/#") == 0x80;
              }
            });
  }

  @Test
  void aWillTheClientMayNotPublishRefusesTheConnection() {
    assertThatThrownBy(
            () ->
                PahoClient.connect(
                    broker,
                    Names.clientId("acl-will"),
                    o -> {
                      o.setUserName("bob");
                      o.setPassword("unchecked".toCharArray());
                      o.setWill("sensors/bob/gone", new byte[] {1}, 1, false);
                    }))
        .isInstanceOfSatisfying(
            MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
  }
}
