package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does UNSUBSCRIBE stop delivery, and is it acknowledged even for unknown filters? */
class UnsubscribeIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void noMessagesArriveAfterUnsubscribe_MQTT_3_10_4_2() throws Exception {
    String topic = Names.topic("unsub");
    String marker = Names.topic("unsub-marker");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("unsub"));
        HiveClient publisher = HiveClient.connect(BROKER, Names.clientId("unsub-pub"))) {
      client.subscribe(topic, 1);
      client.subscribe(marker, 1);
      publisher.publish(topic, "before", 1);
      client.awaitMessage(topic);

      client.unsubscribe(topic);
      publisher.publish(topic, "after", 1);
      publisher.publish(marker, "marker", 1);

      // The marker left the same publisher after "after": once it is in, "after" would be too.
      client.awaitMessage(marker);
      assertThat(client.received(topic)).extracting(Received::payload).containsExactly("before");
    }
  }

  @Test
  void unsubscribeOfAFilterNeverSubscribedIsAcknowledged_MQTT_3_10_4_5() {
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("unsub-none")))) {
      client.send(MqttBytes.unsubscribe(5, Names.topic("never")));
      client.expect("B0 02 00 05");
    }
  }

  @Test
  void unsubscribeMatchesTheFilterLiterallyNotByWildcard_MQTT_3_10_4_1() throws Exception {
    String base = Names.topic("unsub-literal");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("unsub-literal"))) {
      client.subscribe(base + "/a", 1);
      client.unsubscribe(base + "/+"); // does not remove the subscription to base/a
      client.publish(base + "/a", "still subscribed", 1);
      assertThat(client.awaitMessage().payload()).isEqualTo("still subscribed");
    }
  }

  @Test
  void unsubscribeOfSeveralFiltersRemovesThemAll() {
    String base = Names.topic("unsub-many");
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("unsub-many")))) {
      client.send(MqttBytes.subscribe(1, base + "/a", 0, base + "/b", 0, base + "/c", 0));
      client.expect("90 05 00 01 00 00 00");
      client.send(MqttBytes.unsubscribe(2, base + "/a", base + "/b"));
      client.expect("B0 02 00 02");

      client.send(MqttBytes.publish(base + "/a", "a", 0, 0));
      client.send(MqttBytes.publish(base + "/b", "b", 0, 0));
      client.send(MqttBytes.publish(base + "/c", "c", 0, 0));
      assertThat(client.expectPublish().payload()).isEqualTo("c");
      client.expectNothing(Quiet.WINDOW);
    }
  }

  @Test
  void persistentSessionForgetsTheUnsubscribedFilterWhileOffline() throws Exception {
    String id = Names.clientId("unsub-persist");
    String topic = Names.topic("unsub-persist");
    try (PahoClient client = PahoClient.connectPersistent(BROKER, id)) {
      client.subscribe(topic, 1);
      client.unsubscribe(topic);
    }
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("unsub-persist-pub"))) {
      publisher.publish(topic, "not queued", 1);
    }
    try (PahoClient client = PahoClient.connectPersistent(BROKER, id)) {
      Quiet.holds(() -> client.received().isEmpty());
    }
  }
}
