package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.petrel.codec.Disconnect;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 session expiry (section 3.1.2.11.2, 3.14.2.2.2) with the HiveMQ MQTT 5 client. */
class SessionExpiryIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  private static Mqtt5BlockingClient client(String id) {
    return HiveV5Client.blocking(BROKER.port(), id);
  }

  /** Connects with clean start 0 and the expiry, subscribes at QoS 1, then disconnects. */
  private static void subscribeAndLeave(String id, String topic, long expirySeconds) {
    Mqtt5BlockingClient c = client(id);
    Mqtt5ConnAck ack =
        c.connectWith().cleanStart(false).sessionExpiryInterval(expirySeconds).send();
    assertThat(ack.isSessionPresent()).isFalse();
    c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    c.disconnect();
  }

  private static void publish(String topic, String payload) {
    Mqtt5BlockingClient p = client(Names.clientId("expiry-pub"));
    p.connect();
    p.publishWith()
        .topic(topic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
    p.disconnect();
  }

  @Test
  void aSessionWithExpiryKeepsItsMessagesUntilTheClientReturns() throws Exception {
    String id = Names.clientId("expiry-keep");
    String topic = Names.topic("expiry-keep");
    subscribeAndLeave(id, topic, 30);
    publish(topic, "while away");

    Mqtt5BlockingClient back = client(id);
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        back.publishes(MqttGlobalPublishFilter.ALL)) {
      Mqtt5ConnAck ack = back.connectWith().cleanStart(false).sessionExpiryInterval(30).send();
      assertThat(ack.isSessionPresent()).isTrue(); // [MQTT-3.2.2-3]
      Optional<Mqtt5Publish> m = publishes.receive(5, TimeUnit.SECONDS);
      assertThat(m).isPresent();
      assertThat(new String(m.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
          .isEqualTo("while away");
    } finally {
      back.disconnectWith().sessionExpiryInterval(0).send();
    }
  }

  @Test
  void anExpiredSessionIsGoneWithItsSubscriptions() throws Exception {
    String id = Names.clientId("expiry-gone");
    String topic = Names.topic("expiry-gone");
    subscribeAndLeave(id, topic, 1);
    Thread.sleep(1_600); // the expiry is counted in whole seconds from the disconnect
    publish(topic, "after expiry");

    Mqtt5BlockingClient back = client(id);
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        back.publishes(MqttGlobalPublishFilter.ALL)) {
      Mqtt5ConnAck ack = back.connectWith().cleanStart(false).send();
      assertThat(ack.isSessionPresent()).isFalse();
      assertThat(publishes.receive(500, TimeUnit.MILLISECONDS)).isEmpty();
    } finally {
      back.disconnect();
    }
  }

  @Test
  void expiryZeroEndsTheSessionWithTheConnectionEvenWithoutCleanStart() {
    String id = Names.clientId("expiry-zero");
    subscribeAndLeave(id, Names.topic("expiry-zero"), 0);
    Mqtt5BlockingClient back = client(id);
    assertThat(back.connectWith().cleanStart(false).send().isSessionPresent()).isFalse();
    back.disconnect();
  }

  @Test
  void disconnectCanLengthenTheExpiry_3_14_2_2_2() throws Exception {
    String id = Names.clientId("expiry-longer");
    Mqtt5BlockingClient c = client(id);
    c.connectWith().cleanStart(false).sessionExpiryInterval(1).send();
    c.disconnectWith().sessionExpiryInterval(60).send();
    Thread.sleep(1_600);
    Mqtt5BlockingClient back = client(id);
    assertThat(back.connectWith().cleanStart(false).send().isSessionPresent()).isTrue();
    back.disconnect();
  }

  @Test
  void disconnectCanEndTheSessionAtOnce() {
    String id = Names.clientId("expiry-shorter");
    Mqtt5BlockingClient c = client(id);
    c.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
    c.disconnectWith().sessionExpiryInterval(0).send();
    Mqtt5BlockingClient back = client(id);
    assertThat(back.connectWith().cleanStart(false).send().isSessionPresent()).isFalse();
    back.disconnect();
  }

  @Test
  void cleanStartDiscardsAKeptSession_MQTT_3_1_2_4() {
    String id = Names.clientId("expiry-clean");
    subscribeAndLeave(id, Names.topic("expiry-clean"), 60);
    Mqtt5BlockingClient back = client(id);
    assertThat(
            back.connectWith().cleanStart(true).sessionExpiryInterval(60).send().isSessionPresent())
        .isFalse();
    back.disconnectWith().sessionExpiryInterval(0).send();
  }

  @Test
  void disconnectMayNotGiveAnExpiryToASessionThatHadNone_MQTT_3_14_2_2() {
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("expiry-raw"), MqttProperties.EMPTY)) {
      raw.send(
          V5Bytes.encode(
              new Disconnect(
                  ReasonCode.NORMAL_DISCONNECTION,
                  MqttProperties.builder()
                      .integer(PropertyId.SESSION_EXPIRY_INTERVAL, 60)
                      .build())));
      assertThat(V5Bytes.disconnectReason(raw.read())).isEqualTo(0x82); // protocol error
      raw.awaitClosed(Duration.ofSeconds(5));
    }
  }
}
