package io.petrel.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.codec.TopicFilter;
import io.petrel.codec.WildcardSyntax;
import org.junit.jupiter.api.Test;

class SharedFilterTest {

  @Test
  void aSharedFilterSplitsIntoShareNameAndFilter() {
    SharedFilter shared = SharedFilter.parse(TopicFilter.of("$share/workers/jobs/+/new")).get();
    assertThat(shared.shareName()).isEqualTo("workers");
    assertThat(shared.filter()).isEqualTo(TopicFilter.of("jobs/+/new"));
  }

  @Test
  void anOrdinaryFilterIsNotShared() {
    assertThat(SharedFilter.parse(TopicFilter.of("jobs/#"))).isEmpty();
    assertThat(SharedFilter.parse(TopicFilter.of("$shared/g/t"))).isEmpty();
    assertThat(SharedFilter.parse(TopicFilter.of("$SYS/#"))).isEmpty();
    assertThat(SharedFilter.isShared(TopicFilter.of("$sharex"))).isFalse();
  }

  @Test
  void theShareNameMustHaveAtLeastOneCharacter_MQTT_4_8_2_1() {
    assertThatThrownBy(() -> SharedFilter.parse(TopicFilter.of("$share//t")))
        .hasMessageContaining("MQTT-4.8.2-1");
  }

  @Test
  void theShareNameHasNoWildcardAndIsFollowedByAFilter_MQTT_4_8_2_2() {
    for (String bad : new String[] {"$share", "$share/", "$share/g", "$share/g/", "$share/+/t"}) {
      assertThatThrownBy(() -> SharedFilter.parse(TopicFilter.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> SharedFilter.parse(TopicFilter.of("$share/#")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFilterPartFollowsTheTopicFilterRules() {
    assertThatThrownBy(() -> SharedFilter.parse(TopicFilter.of("$share/g/a/#/b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCustomSeparatorSeparatesTheShareName() {
    WildcardSyntax dots = new WildcardSyntax('.', '*', '>');
    SharedFilter shared = SharedFilter.parse(TopicFilter.of("$share.g.a.*", dots)).get();
    assertThat(shared.shareName()).isEqualTo("g");
    assertThat(shared.filter().value()).isEqualTo("a.*");
  }
}
