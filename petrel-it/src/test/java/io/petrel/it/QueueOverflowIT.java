package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When an offline session's queue is full, are the oldest messages dropped, whatever the QoS? */
class QueueOverflowIT {
  @RegisterExtension
  static final BrokerExtension BROKER = BrokerExtension.withConfig(b -> b.maxQueuedMessages(10));

  @Test
  void offlineSubscriberGetsTheNewest10Of25Qos1MessagesInOrder() throws Exception {
    assertNewestTenArrive(1, 1);
  }

  @Test
  void offlineSubscriberGetsTheNewest10Of25Qos2MessagesInOrder() throws Exception {
    assertNewestTenArrive(2, 2);
  }

  @Test
  void oldestAreDroppedEvenWhenTheyAreQos2AndTheNewestQos1() throws Exception {
    String id = Names.clientId("overflow-mixed");
    String topic = Names.topic("overflow-mixed");
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      subscriber.subscribe(topic, 2);
    }
    try (PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("overflow-mixed-pub"))) {
      for (int i = 0; i < 25; i++) {
        publisher.publish(topic, Integer.toString(i), i < 15 ? 2 : 1);
      }
    }
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      subscriber.awaitMessages(10);
      Quiet.holds(() -> subscriber.received().size() == 10);
      assertThat(subscriber.payloads()).containsExactlyElementsOf(range(15, 25));
    }
  }

  private static void assertNewestTenArrive(int publishQos, int subscriptionQos) throws Exception {
    String id = Names.clientId("overflow");
    String topic = Names.topic("overflow");
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      subscriber.subscribe(topic, subscriptionQos);
    }
    try (HiveClient publisher = HiveClient.connect(BROKER, Names.clientId("overflow-pub"))) {
      for (String payload : range(0, 25)) {
        publisher.publish(topic, payload, publishQos);
      }
    }
    try (PahoClient subscriber = PahoClient.connectPersistent(BROKER, id)) {
      subscriber.awaitMessages(10);
      Quiet.holds(() -> subscriber.received().size() == 10);
      assertThat(subscriber.payloads()).containsExactlyElementsOf(range(15, 25));
    }
  }

  private static List<String> range(int from, int to) {
    return IntStream.range(from, to).mapToObj(Integer::toString).toList();
  }
}
