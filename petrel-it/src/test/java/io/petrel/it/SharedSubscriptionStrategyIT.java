package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.petrel.broker.config.SharedSubscriptionStrategy;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does {@code shared_subscription_strategy} decide which member of a group gets each message? */
class SharedSubscriptionStrategyIT {
  @RegisterExtension
  static final BrokerExtension RANDOM =
      BrokerExtension.withConfig(
          b -> b.sharedSubscriptionStrategy(SharedSubscriptionStrategy.RANDOM));

  @RegisterExtension
  static final BrokerExtension STICKY =
      BrokerExtension.withConfig(
          b -> b.sharedSubscriptionStrategy(SharedSubscriptionStrategy.STICKY));

  private static List<String> payloads(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  private static void publishAll(BrokerExtension broker, String topic, List<String> payloads) {
    try (HiveV5Client publisher = HiveV5Client.connect(broker.port(), Names.clientId("st-pub"))) {
      for (String p : payloads) {
        publisher.publish(topic, p, 1, false);
      }
    }
  }

  private static int total(List<HiveV5Client> members) {
    return members.stream().mapToInt(m -> m.received().size()).sum();
  }

  @Test
  void randomReachesEveryMemberAndLosesNothing() {
    String topic = Names.topic("strategy-random");
    String group = "$share/random/" + topic;
    try (HiveV5Client a = HiveV5Client.connect(RANDOM.port(), Names.clientId("st-ra"));
        HiveV5Client b = HiveV5Client.connect(RANDOM.port(), Names.clientId("st-rb"));
        HiveV5Client c = HiveV5Client.connect(RANDOM.port(), Names.clientId("st-rc"))) {
      List<HiveV5Client> members = List.of(a, b, c);
      members.forEach(m -> m.subscribe(group, 1));
      List<String> sent = payloads("r", 60);
      publishAll(RANDOM, topic, sent);
      await().atMost(Duration.ofSeconds(5)).until(() -> total(members) >= 60);
      // With 60 messages, a member left out by chance has odds of 3 * (2/3)^60: never.
      members.forEach(m -> assertThat(m.received()).isNotEmpty());
      assertThat(members.stream().flatMap(m -> m.payloads().stream()).toList())
          .containsExactlyInAnyOrderElementsOf(sent);
    }
  }

  @Test
  void stickyKeepsOneMemberUntilItLeaves() {
    String topic = Names.topic("strategy-sticky");
    String group = "$share/sticky/" + topic;
    try (HiveV5Client a = HiveV5Client.connect(STICKY.port(), Names.clientId("st-sa"));
        HiveV5Client b = HiveV5Client.connect(STICKY.port(), Names.clientId("st-sb"));
        HiveV5Client c = HiveV5Client.connect(STICKY.port(), Names.clientId("st-sc"))) {
      List<HiveV5Client> members = List.of(a, b, c);
      members.forEach(m -> m.subscribe(group, 1));
      List<String> first = payloads("s", 10);
      publishAll(STICKY, topic, first);
      await().atMost(Duration.ofSeconds(5)).until(() -> total(members) >= 10);
      HiveV5Client chosen =
          members.stream().filter(m -> !m.received().isEmpty()).findFirst().orElseThrow();
      assertThat(chosen.payloads()).containsExactlyElementsOf(first);
      chosen.unsubscribe(group);
      List<String> second = payloads("t", 10);
      publishAll(STICKY, topic, second);
      await().atMost(Duration.ofSeconds(5)).until(() -> total(members) >= 20);
      List<HiveV5Client> next =
          members.stream().filter(m -> m != chosen && !m.received().isEmpty()).toList();
      assertThat(next).hasSize(1);
      assertThat(next.get(0).payloads()).containsExactlyElementsOf(second);
    }
  }
}
