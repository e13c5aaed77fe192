package io.petrel.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.config.SharedSubscriptionStrategy;
import io.petrel.codec.QoS;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MemberChooserTest {

  private static SubscriberEntry member(RecordingSink sink) {
    return new SubscriberEntry(
        sink,
        TopicFilter.of("$share/g/t"),
        SubscriptionOptions.of(QoS.AT_LEAST_ONCE),
        OptionalInt.empty());
  }

  private static SubscriberEntry[] members(RecordingSink... sinks) {
    SubscriberEntry[] entries = new SubscriberEntry[sinks.length];
    for (int i = 0; i < sinks.length; i++) {
      entries[i] = member(sinks[i]);
    }
    return entries;
  }

  private static Map<String, Integer> counts(
      MemberChooser chooser, SubscriberEntry[] members, int picks) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      counts.merge(chooser.choose(members, null, false).sink().clientId(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void roundRobinSplitsEvenly() {
    SubscriberEntry[] m =
        members(new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c"));
    MemberChooser chooser = MemberChooser.of(SharedSubscriptionStrategy.ROUND_ROBIN);
    assertThat(counts(chooser, m, 300))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", 100, "b", 100, "c", 100));
  }

  @Test
  void randomReachesEveryMember() {
    SubscriberEntry[] m =
        members(new RecordingSink("a"), new RecordingSink("b"), new RecordingSink("c"));
    MemberChooser chooser = MemberChooser.of(SharedSubscriptionStrategy.RANDOM);
    assertThat(counts(chooser, m, 300)).containsOnlyKeys("a", "b", "c");
  }

  @Test
  void stickyKeepsOneMemberUntilItLeaves() {
    RecordingSink a = new RecordingSink("a");
    RecordingSink b = new RecordingSink("b");
    MemberChooser chooser = MemberChooser.of(SharedSubscriptionStrategy.STICKY);
    SubscriberEntry[] both = members(a, b);
    String first = chooser.choose(both, null, false).sink().clientId();
    assertThat(counts(chooser, both, 50)).containsOnlyKeys(first);
    // The sticky member leaves: the other takes over and keeps it.
    SubscriberEntry[] rest = first.equals("a") ? members(b) : members(a);
    String second = chooser.choose(rest, null, false).sink().clientId();
    assertThat(second).isNotEqualTo(first);
    SubscriberEntry[] backAgain = members(a, b);
    assertThat(counts(chooser, backAgain, 20)).containsOnlyKeys(second);
  }

  @Test
  void everyStrategyPrefersOnlineMembers() {
    for (SharedSubscriptionStrategy strategy : SharedSubscriptionStrategy.values()) {
      SubscriberEntry[] m =
          members(
              new RecordingSink("off1").offline(),
              new RecordingSink("on"),
              new RecordingSink("off2").offline());
      assertThat(counts(MemberChooser.of(strategy), m, 30))
          .as(strategy.key())
          .containsOnlyKeys("on");
    }
  }

  @Test
  void anOfflineMemberIsChosenOnlyWhenNoneIsOnline() {
    SubscriberEntry[] m = members(new RecordingSink("off").offline());
    MemberChooser chooser = MemberChooser.of(SharedSubscriptionStrategy.ROUND_ROBIN);
    assertThat(chooser.choose(m, null, false).sink().clientId()).isEqualTo("off");
    assertThat(chooser.choose(m, null, true)).isNull();
  }

  @Test
  void theExcludedMemberIsNeverChosen() {
    SubscriberEntry[] m = members(new RecordingSink("a"), new RecordingSink("b"));
    for (SharedSubscriptionStrategy strategy : SharedSubscriptionStrategy.values()) {
      MemberChooser chooser = MemberChooser.of(strategy);
      for (int i = 0; i < 10; i++) {
        assertThat(chooser.choose(m, "a", true).sink().clientId()).isEqualTo("b");
      }
      assertThat(chooser.choose(members(new RecordingSink("a")), "a", false)).isNull();
    }
  }

  @Test
  void anEmptyGroupChoosesNobody() {
    assertThat(
            MemberChooser.of(SharedSubscriptionStrategy.ROUND_ROBIN)
                .choose(new SubscriberEntry[0], null, false))
        .isNull();
  }
}
