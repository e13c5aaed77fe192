package io.petrel.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.QoS;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MatchCollectorTest {

  private static SubscriberEntry entry(String filter, QoS qos) {
    return entry(filter, qos, OptionalInt.empty());
  }

  private static SubscriberEntry entry(String filter, QoS qos, OptionalInt id) {
    return new SubscriberEntry(null, TopicFilter.of(filter), SubscriptionOptions.of(qos), id);
  }

  private static Map<String, QoS> collected(MatchCollector c) {
    Map<String, QoS> result = new HashMap<>();
    for (int i = 0; i < c.size(); i++) {
      result.put(c.get(i).filter().value(), c.get(i).options().maxQos());
    }
    return result;
  }

  @Test
  void aClientWithOverlappingSubscriptionsKeepsOnlyItsHighestQos() {
    MatchCollector c = MatchCollector.acquire("publisher");
    try {
      c.visit("a", entry("t/+", QoS.AT_MOST_ONCE));
      c.visit("a", entry("t/#", QoS.EXACTLY_ONCE));
      c.visit("a", entry("#", QoS.AT_LEAST_ONCE));
      c.visit("b", entry("t/x", QoS.AT_LEAST_ONCE));
      assertThat(c.size()).isEqualTo(2);
      assertThat(collected(c))
          .containsEntry("t/#", QoS.EXACTLY_ONCE)
          .containsEntry("t/x", QoS.AT_LEAST_ONCE);
    } finally {
      c.release();
    }
  }

  @Test
  void oneCopyCarriesTheIdentifiersOfEveryMatchingSubscription_MQTT_3_3_4_4() {
    MatchCollector c = MatchCollector.acquire("publisher");
    try {
      c.visit("a", entry("t/+", QoS.AT_MOST_ONCE, OptionalInt.of(7)));
      c.visit("a", entry("t/#", QoS.AT_LEAST_ONCE));
      c.visit("a", entry("#", QoS.AT_MOST_ONCE, OptionalInt.of(9)));
      c.visit("a", entry("t/x", QoS.AT_MOST_ONCE, OptionalInt.of(7))); // the same id: once
      c.visit("b", entry("t/x", QoS.AT_MOST_ONCE));
      assertThat(c.size()).isEqualTo(2);
      assertThat(c.get(0).filter().value()).isEqualTo("t/#");
      assertThat(c.subscriptionIds(0)).containsExactly(7, 9);
      assertThat(c.subscriptionIds(1)).isEmpty();
    } finally {
      c.release();
    }
  }

  @Test
  void subscriptionsWithoutIdentifiersShareOneEmptyList() {
    MatchCollector c = MatchCollector.acquire("publisher");
    try {
      c.visit("a", entry("t/+", QoS.AT_MOST_ONCE));
      c.visit("a", entry("t/#", QoS.AT_MOST_ONCE));
      assertThat(c.subscriptionIds(0)).isSameAs(List.of());
    } finally {
      c.release();
    }
  }

  @Test
  void aNoLocalSubscriptionOfThePublisherIsSkipped_MQTT_3_8_3_3() {
    MatchCollector c = MatchCollector.acquire("me");
    try {
      SubscriberEntry noLocal =
          new SubscriberEntry(
              null,
              TopicFilter.of("t"),
              new SubscriptionOptions(
                  QoS.AT_LEAST_ONCE, true, false, io.petrel.codec.RetainHandling.SEND_ON_SUBSCRIBE),
              OptionalInt.empty());
      c.visit("me", noLocal);
      c.visit("other", noLocal);
      c.visit(
          "me", entry("#", QoS.AT_MOST_ONCE)); // an overlapping ordinary subscription still counts
      assertThat(c.size()).isEqualTo(2);
      assertThat(c.get(0).filter().value()).isEqualTo("t");
      assertThat(c.get(1).filter().value()).isEqualTo("#");
    } finally {
      c.release();
    }
  }

  @Test
  void manyClientsAreDedupedPastTheLinearScan() {
    MatchCollector c = MatchCollector.acquire("publisher");
    try {
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 100; i++) {
          c.visit("client-" + i, entry("f" + round, QoS.of(round)));
        }
      }
      assertThat(c.size()).isEqualTo(100);
      for (int i = 0; i < 100; i++) {
        assertThat(c.get(i).options().maxQos()).isEqualTo(QoS.EXACTLY_ONCE);
      }
    } finally {
      c.release();
    }
  }

  @Test
  void aNestedAcquireGetsItsOwnCollector() {
    MatchCollector outer = MatchCollector.acquire("publisher");
    try {
      outer.visit("a", entry("t", QoS.AT_MOST_ONCE));
      MatchCollector inner = MatchCollector.acquire("publisher");
      assertThat(inner).isNotSameAs(outer);
      inner.release();
      assertThat(outer.size()).isEqualTo(1);
    } finally {
      outer.release();
    }
    MatchCollector again = MatchCollector.acquire("publisher");
    assertThat(again.size()).isZero();
    again.release();
  }
}
