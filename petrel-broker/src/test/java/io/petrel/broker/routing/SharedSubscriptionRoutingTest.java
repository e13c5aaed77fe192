package io.petrel.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.broker.config.SharedSubscriptionStrategy;
import io.petrel.broker.retain.InMemoryRetainedMessageStore;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.QoS;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How the router delivers through shared groups and subscription identifiers. */
class SharedSubscriptionRoutingTest {
  private final PublishRouter router =
      new PublishRouter(
          WildcardSyntax.DEFAULT,
          new InMemoryRetainedMessageStore(),
          true,
          SharedSubscriptionStrategy.ROUND_ROBIN);

  private static Message message(String topic, QoS qos) {
    return new Message(
        TopicName.of(topic), Bytes.wrap(new byte[] {1}), qos, false, MqttProperties.EMPTY, "pub");
  }

  private void subscribe(RecordingSink sink, String filter, QoS qos, OptionalInt id) {
    router.subscribe(sink, TopicFilter.of(filter), SubscriptionOptions.of(qos), id);
  }

  @Test
  void eachMessageGoesToExactlyOneMemberAtItsGrantedQos_MQTT_4_8_2_3() {
    RecordingSink a = new RecordingSink("a");
    RecordingSink b = new RecordingSink("b");
    subscribe(a, "$share/g/jobs/+", QoS.AT_MOST_ONCE, OptionalInt.empty());
    subscribe(b, "$share/g/jobs/+", QoS.EXACTLY_ONCE, OptionalInt.empty());
    for (int i = 0; i < 10; i++) {
      assertThat(router.publish(message("jobs/" + i, QoS.EXACTLY_ONCE))).isEqualTo(1);
    }
    assertThat(a.deliveries).hasSize(5).allMatch(d -> d.qos() == QoS.AT_MOST_ONCE);
    assertThat(b.deliveries).hasSize(5).allMatch(d -> d.qos() == QoS.EXACTLY_ONCE);
  }

  @Test
  void twoGroupsOnOneFilterEachGetEveryMessage() {
    RecordingSink a = new RecordingSink("a");
    RecordingSink b = new RecordingSink("b");
    subscribe(a, "$share/one/t", QoS.AT_LEAST_ONCE, OptionalInt.empty());
    subscribe(b, "$share/two/t", QoS.AT_LEAST_ONCE, OptionalInt.empty());
    router.publish(message("t", QoS.AT_LEAST_ONCE));
    assertThat(a.deliveries).hasSize(1);
    assertThat(b.deliveries).hasSize(1);
  }

  @Test
  void aSharedAndAnOrdinarySubscriptionOfOneClientAreSeparateDeliveries() {
    RecordingSink a = new RecordingSink("a");
    subscribe(a, "$share/g/t", QoS.AT_LEAST_ONCE, OptionalInt.of(1));
    subscribe(a, "t", QoS.AT_LEAST_ONCE, OptionalInt.of(2));
    assertThat(router.publish(message("t", QoS.AT_LEAST_ONCE))).isEqualTo(2);
    assertThat(a.deliveries)
        .extracting(d -> d.via().value() + "=" + d.subscriptionIds())
        .containsExactlyInAnyOrder("$share/g/t=[1]", "t=[2]");
  }

  @Test
  void overlappingSubscriptionsGiveOneCopyWithEveryIdentifier_MQTT_3_3_4_4() {
    RecordingSink a = new RecordingSink("a");
    subscribe(a, "t/+", QoS.AT_MOST_ONCE, OptionalInt.of(3));
    subscribe(a, "t/#", QoS.AT_LEAST_ONCE, OptionalInt.of(4));
    router.publish(message("t/x", QoS.AT_LEAST_ONCE));
    assertThat(a.deliveries).hasSize(1);
    assertThat(a.deliveries.get(0).qos()).isEqualTo(QoS.AT_LEAST_ONCE);
    assertThat(a.deliveries.get(0).subscriptionIds()).containsExactlyInAnyOrder(3, 4);
  }

  @Test
  void subscribingAgainWithoutAnIdentifierRemovesIt() {
    RecordingSink a = new RecordingSink("a");
    subscribe(a, "t", QoS.AT_MOST_ONCE, OptionalInt.of(3));
    subscribe(a, "t", QoS.AT_MOST_ONCE, OptionalInt.empty());
    router.publish(message("t", QoS.AT_MOST_ONCE));
    assertThat(a.deliveries.get(0).subscriptionIds()).isEmpty();
  }

  @Test
  void aMemberThatUnsubscribesGetsNothingMore() {
    RecordingSink a = new RecordingSink("a");
    RecordingSink b = new RecordingSink("b");
    subscribe(a, "$share/g/t", QoS.AT_MOST_ONCE, OptionalInt.empty());
    subscribe(b, "$share/g/t", QoS.AT_MOST_ONCE, OptionalInt.empty());
    assertThat(router.unsubscribe("a", TopicFilter.of("$share/g/t"))).isTrue();
    assertThat(router.unsubscribe("a", TopicFilter.of("$share/g/t"))).isFalse();
    for (int i = 0; i < 4; i++) {
      router.publish(message("t", QoS.AT_MOST_ONCE));
    }
    assertThat(a.deliveries).isEmpty();
    assertThat(b.deliveries).hasSize(4);
    assertThat(router.unsubscribe("b", TopicFilter.of("$share/g/t"))).isTrue();
    assertThat(router.publish(message("t", QoS.AT_MOST_ONCE))).isZero();
  }

  @Test
  void aMessageHandedBackGoesToAnotherMemberWithThatMembersIdentifier() {
    RecordingSink a = new RecordingSink("a");
    RecordingSink b = new RecordingSink("b");
    subscribe(a, "$share/g/t", QoS.AT_LEAST_ONCE, OptionalInt.of(1));
    subscribe(b, "$share/g/t", QoS.AT_MOST_ONCE, OptionalInt.of(2));
    Message m = message("t", QoS.AT_LEAST_ONCE);
    assertThat(router.redispatch(m, TopicFilter.of("$share/g/t"), "a", true)).isTrue();
    assertThat(a.deliveries).isEmpty();
    assertThat(b.deliveries)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.qos()).isEqualTo(QoS.AT_MOST_ONCE);
              assertThat(d.subscriptionIds()).containsExactly(2);
            });
  }

  @Test
  void aMessageIsHandedBackToAnOfflineMemberOnlyWhenAllowed() {
    RecordingSink a = new RecordingSink("a");
    RecordingSink b = new RecordingSink("b").offline();
    subscribe(a, "$share/g/t", QoS.AT_LEAST_ONCE, OptionalInt.empty());
    subscribe(b, "$share/g/t", QoS.AT_LEAST_ONCE, OptionalInt.empty());
    Message m = message("t", QoS.AT_LEAST_ONCE);
    TopicFilter via = TopicFilter.of("$share/g/t");
    assertThat(router.redispatch(m, via, "a", true)).isFalse();
    assertThat(router.redispatch(m, via, "a", false)).isTrue();
    assertThat(b.deliveries).hasSize(1);
    assertThat(router.redispatch(m, TopicFilter.of("$share/none/t"), "a", false)).isFalse();
  }

  @Test
  void anInvalidSharedFilterIsRefused_MQTT_4_8_2_2() {
    assertThatThrownBy(
            () ->
                subscribe(
                    new RecordingSink("a"), "$share/g", QoS.AT_MOST_ONCE, OptionalInt.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
