package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code max_queued_messages 0} nothing is dropped; does a subscriber that falls behind hold
 * its publishers back, so that the broker does not queue without bound, and does every message
 * still arrive once it catches up?
 */
class BackPressureIT {
  // 0 in the config file: no limit.
  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withConfig(b -> b.maxQueuedMessages(Integer.MAX_VALUE));

  private static final int MESSAGES = 3_000;

  @Test
  void aSubscriberThatStopsAcknowledgingSlowsItsPublisherAndThenGetsEverything() throws Exception {
    String topic = Names.topic("backpressure");
    try (LogCapture log = LogCapture.of("io.petrel.broker.session.Backlog");
        RawMqttClient subscriber =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("slow")));
        HiveClient publisher = HiveClient.connect(BROKER, Names.clientId("fast"))) {
      subscriber.send(MqttBytes.subscribe(1, topic, 1));
      assertThat(subscriber.read().type()).isEqualTo(MqttBytes.SUBACK);

      // The subscriber reads nothing and acknowledges nothing: once its in-flight window is full,
      // every message queues for it.
      AtomicInteger acknowledged = new AtomicInteger();
      CompletableFuture<Void> publishing =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < MESSAGES; i++) {
                  publisher.publish(topic, Integer.toString(i), 1);
                  acknowledged.incrementAndGet();
                }
              });

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> log.messages().stream().anyMatch(m -> m.contains("holding back")));
      assertThat(log.messages().get(0))
          .matches("Client .*slow.*: \\d+ messages queued; holding back its publishers.*");
      // Held back, the publisher gets a read at most every 100 ms: far from the thousands of
      // acknowledged messages a second it has without the hold.
      int before = acknowledged.get();
      Thread.sleep(1_000);
      assertThat(acknowledged.get() - before).isLessThan(200);
      assertThat(publishing).isNotDone();

      // The subscriber catches up: every message arrives, in order, and the publisher finishes.
      List<String> payloads = new ArrayList<>();
      while (payloads.size() < MESSAGES) {
        RawPacket p = subscriber.read();
        assertThat(p.type()).isEqualTo(MqttBytes.PUBLISH);
        payloads.add(p.payload());
        subscriber.send(new byte[] {0x40, 2, (byte) (p.packetId() >> 8), (byte) p.packetId()});
      }
      publishing.get(30, TimeUnit.SECONDS);
      assertThat(payloads)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, MESSAGES).mapToObj(Integer::toString).toList());
    }
  }
}
