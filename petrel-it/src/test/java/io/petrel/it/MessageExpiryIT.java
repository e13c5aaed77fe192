package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Message Expiry Interval (MQTT 5.0 section 3.3.2.3.3) for queued and retained messages. */
class MessageExpiryIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  private static Mqtt5BlockingClient client(String id) {
    return HiveV5Client.blocking(BROKER.port(), id);
  }

  private static void publish(String topic, String payload, long expirySeconds, boolean retain) {
    Mqtt5BlockingClient p = client(Names.clientId("expiry-msg-pub"));
    p.connect();
    p.publishWith()
        .topic(topic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .retain(retain)
        .messageExpiryInterval(expirySeconds)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
    p.disconnect();
  }

  /** Leaves a persistent session subscribed to the topic, offline. */
  private static void offlineSubscriber(String id, String topic) {
    Mqtt5BlockingClient c = client(id);
    c.connectWith().cleanStart(true).sessionExpiryInterval(60).send();
    c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    c.disconnect();
  }

  @Test
  void aQueuedMessageThatExpiredIsNotDelivered_MQTT_3_3_2_5() throws Exception {
    String id = Names.clientId("expiry-msg-gone");
    String topic = Names.topic("expiry-msg-gone");
    offlineSubscriber(id, topic);
    publish(topic, "short-lived", 1, false);
    publish(topic, "long-lived", 60, false);
    Thread.sleep(1_500);

    Mqtt5BlockingClient back = client(id);
    try (Mqtt5BlockingClient.Mqtt5Publishes received =
        back.publishes(MqttGlobalPublishFilter.ALL)) {
      back.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
      Mqtt5Publish m = received.receive(5, TimeUnit.SECONDS).orElseThrow();
      assertThat(new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("long-lived");
      // What is left of the interval goes with the message [MQTT-3.3.2-6].
      assertThat(m.getMessageExpiryInterval()).isPresent();
      assertThat(m.getMessageExpiryInterval().getAsLong()).isBetween(1L, 59L);
      assertThat(received.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
    } finally {
      back.disconnect();
    }
  }

  @Test
  void anExpiredRetainedMessageIsNotSentToNewSubscribers() throws Exception {
    String topic = Names.topic("expiry-retained");
    publish(topic, "retained briefly", 1, true);
    Thread.sleep(1_500);
    Mqtt5BlockingClient sub = client(Names.clientId("expiry-retained"));
    sub.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(topic).send();
      assertThat(received.receive(500, TimeUnit.MILLISECONDS)).isEmpty();
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void aRetainedMessageCarriesItsRemainingExpiry() throws Exception {
    String topic = Names.topic("expiry-retained-live");
    publish(topic, "retained", 100, true);
    Mqtt5BlockingClient sub = client(Names.clientId("expiry-retained-live"));
    sub.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(topic).send();
      Mqtt5Publish m = received.receive(5, TimeUnit.SECONDS).orElseThrow();
      assertThat(m.isRetain()).isTrue();
      assertThat(m.getMessageExpiryInterval().getAsLong()).isBetween(1L, 100L);
    } finally {
      sub.disconnect();
    }
  }
}
