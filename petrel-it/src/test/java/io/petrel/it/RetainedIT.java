package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Does a new subscriber get the last retained message of each matching topic, and only that? */
class RetainedIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void newSubscriberGetsTheRetainedMessageWithTheRetainFlagSet_MQTT_3_3_1_6_and_3_3_1_8()
      throws Exception {
    String topic = Names.topic("retain");
    try (HiveClient publisher = HiveClient.connect(BROKER, Names.clientId("ret-pub"))) {
      publisher.publish(topic, "kept", 1, true);
    }
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("ret-sub"))) {
      subscriber.subscribe(topic, 1);
      assertThat(subscriber.awaitMessage()).isEqualTo(new Received(topic, "kept", 1, true));
    }
  }

  @Test
  void onlyTheLastRetainedMessagePerTopicIsKept_MQTT_3_3_1_5() throws Exception {
    String topic = Names.topic("retain-last");
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("last-pub"))) {
      publisher.publish(topic, "first", 1, true);
      publisher.publish(topic, "second", 1, true);
      publisher.publish(topic, "third", 1, true);
    }
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("last-sub"))) {
      subscriber.subscribe(topic, 1);
      assertThat(subscriber.awaitMessage().payload()).isEqualTo("third");
      Quiet.holds(() -> subscriber.received().size() == 1);
    }
  }

  @Test
  void retainedMessageWithEmptyPayloadDeletesTheRetainedMessage_MQTT_3_3_1_10() throws Exception {
    String topic = Names.topic("retain-delete");
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("del-pub"))) {
      publisher.publish(topic, "doomed", 1, true);
      publisher.publish(topic, "", 1, true);
    }
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("del-sub"))) {
      subscriber.subscribe(topic, 1);
      Quiet.holds(() -> subscriber.received().isEmpty());
    }
  }

  @Test
  void retainedMessageWithEmptyPayloadIsStillDeliveredToCurrentSubscribers_MQTT_3_3_1_10()
      throws Exception {
    String topic = Names.topic("retain-delete-live");
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("del-live-sub"));
        HiveClient publisher = HiveClient.connect(BROKER, Names.clientId("del-live-pub"))) {
      subscriber.subscribe(topic, 1);
      publisher.publish(topic, "", 1, true);
      assertThat(subscriber.awaitMessage()).isEqualTo(new Received(topic, "", 1, false));
    }
  }

  @Test
  void existingSubscribersGetARetainedPublishWithoutTheRetainFlag_MQTT_3_3_1_9() throws Exception {
    String topic = Names.topic("retain-live");
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("live-sub"));
        HiveClient publisher = HiveClient.connect(BROKER, Names.clientId("live-pub"))) {
      subscriber.subscribe(topic, 1);
      publisher.publish(topic, "live", 1, true);
      assertThat(subscriber.awaitMessage()).isEqualTo(new Received(topic, "live", 1, false));
    }
  }

  @ParameterizedTest(name = "retained at QoS {0}, subscribed at QoS {1}: delivered at QoS {2}")
  @CsvSource({"0, 2, 0", "1, 0, 0", "1, 2, 1", "2, 1, 1", "2, 2, 2"})
  void retainedMessageIsDeliveredAtTheLowerOfItsQosAndTheSubscriptionQos(
      int retainedQos, int subscriptionQos, int deliveredQos) throws Exception {
    String topic = Names.topic("retain-qos");
    try (HiveClient publisher = HiveClient.connect(BROKER, Names.clientId("rq-pub"))) {
      publisher.publish(topic, "q" + retainedQos, retainedQos, true);
      // A QoS 0 PUBLISH has no acknowledgement: a QoS 1 round trip on the same connection
      // proves the broker has handled it.
      publisher.publish(Names.topic("barrier"), "barrier", 1);
    }
    try (PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("rq-sub"))) {
      subscriber.subscribe(topic, subscriptionQos);
      assertThat(subscriber.awaitMessage())
          .isEqualTo(new Received(topic, "q" + retainedQos, deliveredQos, true));
    }
  }

  @Test
  void wildcardSubscriptionGetsEveryMatchingRetainedMessage_MQTT_3_3_1_6() throws Exception {
    String base = Names.topic("retain-wild");
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("wild-pub"))) {
      publisher.publish(base + "/a", "a", 1, true);
      publisher.publish(base + "/b", "b", 1, true);
      publisher.publish(base + "/c/d", "c/d", 1, true);
      publisher.publish(base, "base", 1, true);
    }
    try (PahoClient multi = PahoClient.connect(BROKER, Names.clientId("wild-multi"));
        PahoClient single = PahoClient.connect(BROKER, Names.clientId("wild-single"))) {
      multi.subscribe(base + "/#", 1);
      single.subscribe(base + "/+", 1);

      multi.awaitMessages(4);
      single.awaitMessages(2);
      Quiet.holds(() -> multi.received().size() == 4 && single.received().size() == 2);
      assertThat(multi.payloads()).containsExactlyInAnyOrder("a", "b", "c/d", "base");
      assertThat(single.payloads()).containsExactlyInAnyOrder("a", "b");
      assertThat(multi.received()).allMatch(Received::retained);
      assertThat(single.received()).allMatch(Received::retained);
    }
  }

  @Test
  void resubscribingDeliversTheRetainedMessageAgain_MQTT_3_8_4_3() throws Exception {
    String topic = Names.topic("retain-resub");
    try (PahoClient client = PahoClient.connect(BROKER, Names.clientId("resub"))) {
      client.publish(topic, "again", 1, true);
      client.subscribe(topic, 1);
      client.awaitMessages(1);
      client.subscribe(topic, 1);
      client.awaitMessages(2);
      assertThat(client.received())
          .containsExactly(
              new Received(topic, "again", 1, true), new Received(topic, "again", 1, true));
    }
  }
}
