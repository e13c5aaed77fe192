package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.petrel.codec.Bytes;
import io.petrel.codec.Connect;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import io.petrel.codec.Will;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Will Delay Interval (MQTT 5.0 section 3.1.3.2.2) and its interplay with session expiry. */
class WillDelayIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  /** A raw MQTT 5 client with a will of the given delay and session expiry, connected. */
  private static RawMqttClient withWill(
      String id, String willTopic, long willDelay, long sessionExpiry) {
    Will will =
        new Will(
            willTopic,
            Bytes.wrap("gone".getBytes(StandardCharsets.UTF_8)),
            QoS.AT_LEAST_ONCE,
            false,
            MqttProperties.builder().integer(PropertyId.WILL_DELAY_INTERVAL, willDelay).build());
    Connect connect =
        new Connect(
            ProtocolVersion.MQTT_5,
            id,
            false,
            60,
            Optional.empty(),
            Optional.empty(),
            Optional.of(will),
            MqttProperties.builder()
                .integer(PropertyId.SESSION_EXPIRY_INTERVAL, sessionExpiry)
                .build());
    RawMqttClient raw = RawMqttClient.open(BROKER.port());
    raw.send(V5Bytes.encode(connect));
    assertThat(raw.read().type()).isEqualTo(MqttBytes.CONNACK);
    return raw;
  }

  private static Mqtt5BlockingClient watcher(String topic) {
    Mqtt5BlockingClient c = HiveV5Client.blocking(BROKER.port(), Names.clientId("will-watch"));
    c.connect();
    c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    return c;
  }

  @Test
  void theWillWaitsForItsDelay_MQTT_3_1_3_9() throws Exception {
    String topic = Names.topic("will-delay");
    Mqtt5BlockingClient watcher = watcher(topic);
    try (Mqtt5BlockingClient.Mqtt5Publishes wills =
        watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      RawMqttClient raw = withWill(Names.clientId("will-delay"), topic, 2, 60);
      long lost = System.nanoTime();
      raw.kill();
      assertThat(wills.receive(1_000, TimeUnit.MILLISECONDS)).as("before the delay").isEmpty();
      Optional<Mqtt5Publish> will = wills.receive(5, TimeUnit.SECONDS);
      assertThat(will).isPresent();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lost)).isGreaterThan(1_900);
      // The delay is the broker's business, not a property of the published message.
      assertThat(will.get().getUserProperties().asList()).isEmpty();
    } finally {
      watcher.disconnect();
    }
  }

  @Test
  void aClientBackWithinTheDelayCancelsTheWill_MQTT_3_1_3_9() throws Exception {
    String topic = Names.topic("will-back");
    String id = Names.clientId("will-back");
    Mqtt5BlockingClient watcher = watcher(topic);
    try (Mqtt5BlockingClient.Mqtt5Publishes wills =
        watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      withWill(id, topic, 2, 60).kill();
      RawMqttClient back = withWill(id, topic, 0, 0); // clean start 0: the session continues
      assertThat(wills.receive(3_000, TimeUnit.MILLISECONDS)).isEmpty();
      back.close();
    } finally {
      watcher.disconnect();
    }
  }

  @Test
  void theWillGoesOutWhenTheSessionEndsBeforeTheDelay() throws Exception {
    String topic = Names.topic("will-expiry");
    Mqtt5BlockingClient watcher = watcher(topic);
    try (Mqtt5BlockingClient.Mqtt5Publishes wills =
        watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      RawMqttClient raw = withWill(Names.clientId("will-expiry"), topic, 30, 1);
      raw.kill();
      Optional<Mqtt5Publish> will = wills.receive(5, TimeUnit.SECONDS); // at expiry, 1 s
      assertThat(will).isPresent();
      assertThat(new String(will.get().getPayloadAsBytes(), StandardCharsets.UTF_8))
          .isEqualTo("gone");
    } finally {
      watcher.disconnect();
    }
  }

  @Test
  void withoutSessionExpiryTheWillIsNotDelayed() throws Exception {
    String topic = Names.topic("will-nodelay");
    Mqtt5BlockingClient watcher = watcher(topic);
    try (Mqtt5BlockingClient.Mqtt5Publishes wills =
        watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      withWill(Names.clientId("will-nodelay"), topic, 30, 0).kill();
      assertThat(wills.receive(3, TimeUnit.SECONDS)).isPresent();
    } finally {
      watcher.disconnect();
    }
  }

  @Test
  void aTakeoverWithCleanStartZeroKeepsADelayedWillBack_MQTT_3_1_4_3() throws Exception {
    String topic = Names.topic("will-takeover");
    String id = Names.clientId("will-takeover");
    Mqtt5BlockingClient watcher = watcher(topic);
    try (Mqtt5BlockingClient.Mqtt5Publishes wills =
        watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      RawMqttClient first = withWill(id, topic, 5, 60);
      RawMqttClient second = withWill(id, topic, 0, 0);
      assertThat(V5Bytes.disconnectReason(first.read())).isEqualTo(0x8E); // session taken over
      assertThat(wills.receive(1_500, TimeUnit.MILLISECONDS)).isEmpty();
      first.close();
      second.close();
    } finally {
      watcher.disconnect();
    }
  }
}
