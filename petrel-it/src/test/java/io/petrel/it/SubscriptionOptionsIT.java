package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Do MQTT 5 subscription options (No Local, Retain As Published, Retain Handling) hold? */
class SubscriptionOptionsIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  /** An MQTT 5 client (HiveMQ) with a queue of everything it receives. */
  private static final class V5 implements AutoCloseable {
    final Mqtt5BlockingClient client;
    final Mqtt5BlockingClient.Mqtt5Publishes publishes;

    V5(String id) {
      client =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier(id)
              .serverHost("127.0.0.1")
              .serverPort(BROKER.port())
              .buildBlocking();
      client.connect();
      publishes = client.publishes(MqttGlobalPublishFilter.ALL);
    }

    void subscribe(String filter, boolean noLocal, boolean rap, Mqtt5RetainHandling handling) {
      client
          .subscribeWith()
          .topicFilter(filter)
          .qos(MqttQos.AT_LEAST_ONCE)
          .noLocal(noLocal)
          .retainAsPublished(rap)
          .retainHandling(handling)
          .send();
    }

    void publish(String topic, String payload, boolean retain) {
      client
          .publishWith()
          .topic(topic)
          .payload(payload.getBytes(StandardCharsets.UTF_8))
          .qos(MqttQos.AT_LEAST_ONCE)
          .retain(retain)
          .send();
    }

    Optional<Mqtt5Publish> next(long millis) throws InterruptedException {
      return publishes.receive(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      publishes.close();
      client.disconnect();
    }
  }

  private static String text(Mqtt5Publish p) {
    return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void noLocalKeepsAClientsOwnMessagesFromIt_MQTT_3_8_3_3() throws Exception {
    String topic = Names.topic("nolocal");
    try (V5 self = new V5(Names.clientId("nolocal-self"));
        V5 other = new V5(Names.clientId("nolocal-other"))) {
      self.subscribe(topic, true, false, Mqtt5RetainHandling.SEND);
      other.subscribe(topic, true, false, Mqtt5RetainHandling.SEND);
      self.publish(topic, "mine", false);
      assertThat(other.next(5000)).map(SubscriptionOptionsIT::text).contains("mine");
      // Quiet window: the publisher's own copy must not arrive.
      assertThat(self.next(300)).isEmpty();
    }
  }

  @Test
  void withoutNoLocalAClientReceivesItsOwnMessages() throws Exception {
    String topic = Names.topic("local");
    try (V5 self = new V5(Names.clientId("local-self"))) {
      self.subscribe(topic, false, false, Mqtt5RetainHandling.SEND);
      self.publish(topic, "echo", false);
      assertThat(self.next(5000)).map(SubscriptionOptionsIT::text).contains("echo");
    }
  }

  @Test
  void retainAsPublishedKeepsTheRetainFlagOnLiveMessages_MQTT_3_3_1_12() throws Exception {
    String topic = Names.topic("rap");
    try (V5 keeps = new V5(Names.clientId("rap-keeps"));
        V5 clears = new V5(Names.clientId("rap-clears"));
        V5 publisher = new V5(Names.clientId("rap-pub"))) {
      keeps.subscribe(topic, false, true, Mqtt5RetainHandling.SEND);
      clears.subscribe(topic, false, false, Mqtt5RetainHandling.SEND);
      publisher.publish(topic, "live", true);
      assertThat(keeps.next(5000)).map(Mqtt5Publish::isRetain).contains(true);
      assertThat(clears.next(5000)).map(Mqtt5Publish::isRetain).contains(false);
      publisher.publish(topic, "", true); // clean up the retained message
    }
  }

  @Test
  void retainHandlingDecidesWhetherRetainedMessagesAreSentOnSubscribe() throws Exception {
    String topic = Names.topic("rh");
    try (V5 publisher = new V5(Names.clientId("rh-pub"))) {
      publisher.publish(topic, "state", true);
    }
    try (V5 never = new V5(Names.clientId("rh-2"));
        V5 ifNew = new V5(Names.clientId("rh-1"));
        V5 always = new V5(Names.clientId("rh-0"))) {
      never.subscribe(topic, false, false, Mqtt5RetainHandling.DO_NOT_SEND); // [MQTT-3.3.1-11]
      ifNew.subscribe(topic, false, false, Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST);
      always.subscribe(topic, false, false, Mqtt5RetainHandling.SEND); // [MQTT-3.3.1-9]
      assertThat(ifNew.next(5000)).map(SubscriptionOptionsIT::text).contains("state");
      assertThat(always.next(5000)).map(SubscriptionOptionsIT::text).contains("state");
      // Subscribing again: handling 1 sends nothing for an existing subscription [MQTT-3.3.1-10],
      // handling 0 sends the retained message again.
      ifNew.subscribe(topic, false, false, Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST);
      always.subscribe(topic, false, false, Mqtt5RetainHandling.SEND);
      Optional<Mqtt5Publish> again = always.next(5000);
      assertThat(again).map(Mqtt5Publish::isRetain).contains(true);
      assertThat(never.next(300)).isEmpty();
      assertThat(ifNew.next(300)).isEmpty();
    }
    try (V5 cleanup = new V5(Names.clientId("rh-clean"))) {
      cleanup.publish(topic, "", true);
    }
  }
}
