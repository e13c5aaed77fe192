package io.petrel.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Does the tree find exactly the subscriptions whose filter matches a topic, by the rules of MQTT 5
 * section 4.7? Subscriptions here store their own filter, so a match reads as "client filter".
 */
class SubscriptionTreeTest {
  private final SubscriptionTree<String> tree = new SubscriptionTree<>(WildcardSyntax.DEFAULT);

  private void subscribe(String clientId, String filter) {
    tree.put(TopicFilter.of(filter), clientId, filter);
  }

  private List<String> matches(String topic) {
    return matches(tree, TopicName.of(topic));
  }

  static List<String> matches(SubscriptionTree<String> tree, TopicName topic) {
    List<String> found = new ArrayList<>();
    tree.match(topic, (clientId, filter) -> found.add(clientId + " " + filter));
    return found;
  }

  @Nested
  class Literals {
    @Test
    void aLiteralFilterMatchesOnlyTheSameTopic() {
      subscribe("c", "sport/tennis");

      assertThat(matches("sport/tennis")).containsExactly("c sport/tennis");
      assertThat(matches("sport")).isEmpty();
      assertThat(matches("sport/tennis/player1")).isEmpty();
      assertThat(matches("sport/tennis/")).isEmpty();
    }

    @Test
    void matchingIsCaseSensitiveAndDoesNoNormalisation() {
      // Section 4.7.3: topic names and filters are case sensitive; [MQTT-4.7.3-4] no normalisation.
      subscribe("c", "Sport/Tennis");

      assertThat(matches("sport/tennis")).isEmpty();
      assertThat(matches("SPORT/TENNIS")).isEmpty();
      assertThat(matches("Sport/Tennis")).containsExactly("c Sport/Tennis");
    }

    @Test
    void emptyLevelsAreRealLevels() {
      // Section 4.7.1: adjacent separators and a leading separator make zero-length levels.
      subscribe("double", "a//b");
      subscribe("leading", "/a");

      assertThat(matches("a//b")).containsExactly("double a//b");
      assertThat(matches("a/b")).isEmpty();
      assertThat(matches("/a")).containsExactly("leading /a");
      assertThat(matches("a")).isEmpty();
    }

    @Test
    void levelsWithUnicodeAndSpacesMatchByTheirCharacters() {
      subscribe("c", "häuser/straße 1/温度");

      assertThat(matches("häuser/straße 1/温度")).containsExactly("c häuser/straße 1/温度");
      assertThat(matches("hauser/strasse 1/温度")).isEmpty();
    }
  }

  @Nested
  class SingleLevelWildcard {
    @Test
    void plusMatchesExactlyOneLevel() {
      // [MQTT-4.7.1-3] and the examples of section 4.7.1.2.
      subscribe("c", "sport/tennis/+");

      assertThat(matches("sport/tennis/player1")).containsExactly("c sport/tennis/+");
      assertThat(matches("sport/tennis/player2")).containsExactly("c sport/tennis/+");
      assertThat(matches("sport/tennis/player1/ranking")).isEmpty();
      assertThat(matches("sport/tennis")).isEmpty();
    }

    @Test
    void plusMatchesAnEmptyLevel() {
      subscribe("c", "sport/+");

      assertThat(matches("sport/")).containsExactly("c sport/+");
      assertThat(matches("sport")).isEmpty();
    }

    @Test
    void plusMatchesAroundALeadingSeparator() {
      // Section 4.7.1.2: "+/+" and "/+" match "/finance"; "+" does not.
      subscribe("both", "+/+");
      subscribe("second", "/+");
      subscribe("one", "+");

      assertThat(matches("/finance")).containsExactlyInAnyOrder("both +/+", "second /+");
    }

    @Test
    void plusMayStandInTheMiddleAndAtTheStart() {
      subscribe("middle", "a/+/c");
      subscribe("start", "+/b/c");

      assertThat(matches("a/b/c")).containsExactlyInAnyOrder("middle a/+/c", "start +/b/c");
      assertThat(matches("a//c")).containsExactly("middle a/+/c");
      assertThat(matches("a/b/c/d")).isEmpty();
    }
  }

  @Nested
  class MultiLevelWildcard {
    @Test
    void hashMatchesTheParentAndAllDescendants() {
      // [MQTT-4.7.1-2] and the examples of section 4.7.1.1: "sport/#" also matches "sport".
      subscribe("c", "sport/#");

      assertThat(matches("sport")).containsExactly("c sport/#");
      assertThat(matches("sport/tennis")).containsExactly("c sport/#");
      assertThat(matches("sport/tennis/player1/ranking")).containsExactly("c sport/#");
      assertThat(matches("sport/")).containsExactly("c sport/#");
      assertThat(matches("sports")).isEmpty();
    }

    @Test
    void hashAloneMatchesEveryTopicThatDoesNotStartWithDollar() {
      subscribe("c", "#");

      assertThat(matches("a")).containsExactly("c #");
      assertThat(matches("/")).containsExactly("c #");
      assertThat(matches("a/b/c")).containsExactly("c #");
      assertThat(matches("$SYS/broker/uptime")).isEmpty();
    }

    @Test
    void hashAfterPlusMatchesFromTheLevelOfThePlus() {
      subscribe("c", "+/#");

      assertThat(matches("a")).containsExactly("c +/#");
      assertThat(matches("a/b/c")).containsExactly("c +/#");
    }

    @Test
    void hashAfterAnEmptyLevelMatchesTopicsWithALeadingSeparator() {
      subscribe("c", "/#");

      assertThat(matches("/")).containsExactly("c /#");
      assertThat(matches("/a/b")).containsExactly("c /#");
      assertThat(matches("a")).isEmpty();
    }
  }

  @Nested
  class DollarTopics {
    @Test
    void aLeadingWildcardDoesNotMatchATopicStartingWithDollar() {
      // [MQTT-4.7.2-1] and the examples of section 4.7.2.
      subscribe("all", "#");
      subscribe("plus", "+/monitor/Clients");

      assertThat(matches("$SYS/monitor/Clients")).isEmpty();
    }

    @Test
    void aFilterStartingWithTheDollarLevelMatchesIt() {
      subscribe("all", "$SYS/#");
      subscribe("plus", "$SYS/monitor/+");

      assertThat(matches("$SYS/monitor/Clients"))
          .containsExactlyInAnyOrder("all $SYS/#", "plus $SYS/monitor/+");
      assertThat(matches("$SYS")).containsExactly("all $SYS/#");
    }

    @Test
    void aDollarLaterInTheTopicIsAnOrdinaryCharacter() {
      subscribe("c", "+/$x");
      subscribe("d", "a/+");

      assertThat(matches("a/$x")).containsExactlyInAnyOrder("c +/$x", "d a/+");
    }
  }

  @Nested
  class OverlappingSubscriptions {
    @Test
    void aClientIsVisitedOncePerMatchingFilter() {
      // The router merges overlapping subscriptions per client (section 4.7.1, MQTT 5 3.3.4).
      subscribe("c", "a/b");
      subscribe("c", "a/+");
      subscribe("c", "a/#");
      subscribe("c", "#");
      subscribe("d", "a/+");

      assertThat(matches("a/b"))
          .containsExactlyInAnyOrder("c a/b", "c a/+", "c a/#", "c #", "d a/+");
    }

    @Test
    void aTopicWithNoMatchingFilterVisitsNothing() {
      subscribe("c", "a/b");
      subscribe("c", "a/+/c");

      assertThat(matches("b/a")).isEmpty();
    }
  }

  @Nested
  class PutAndRemove {
    @Test
    void putReturnsNothingForANewSubscriptionAndThePreviousOneWhenReplacing() {
      TopicFilter filter = TopicFilter.of("a/+");

      assertThat(tree.put(filter, "c", "first")).isEmpty();
      assertThat(tree.put(filter, "c", "second")).contains("first");
      assertThat(tree.put(filter, "d", "other")).isEmpty();

      assertThat(matches("a/x")).containsExactlyInAnyOrder("c second", "d other");
      assertThat(tree.size()).isEqualTo(2);
    }

    @Test
    void sizeCountsFilterAndClientPairs() {
      assertThat(tree.isEmpty()).isTrue();

      subscribe("c", "a");
      subscribe("c", "a/#");
      subscribe("d", "a");
      subscribe("d", "a");

      assertThat(tree.size()).isEqualTo(3);
      assertThat(tree.isEmpty()).isFalse();
    }

    @Test
    void removeReturnsTheRemovedSubscriptionAndLeavesOthers() {
      subscribe("c", "a/b");
      subscribe("d", "a/b");

      assertThat(tree.remove(TopicFilter.of("a/b"), "c")).contains("a/b");

      assertThat(matches("a/b")).containsExactly("d a/b");
      assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    void removingWhatIsNotThereReturnsNothingAndChangesNothing() {
      subscribe("c", "a/b");

      assertThat(tree.remove(TopicFilter.of("a/b"), "other")).isEmpty();
      assertThat(tree.remove(TopicFilter.of("a/b/c"), "c")).isEmpty();
      assertThat(tree.remove(TopicFilter.of("a/+"), "c")).isEmpty();
      assertThat(tree.remove(TopicFilter.of("a/#"), "c")).isEmpty();
      assertThat(tree.remove(TopicFilter.of("a"), "c")).isEmpty();

      assertThat(tree.size()).isEqualTo(1);
      assertThat(matches("a/b")).containsExactly("c a/b");
    }

    @Test
    void removingAFilterLeavesTheSameLevelsWithAWildcardAlone() {
      subscribe("c", "a/#");
      subscribe("c", "a");

      tree.remove(TopicFilter.of("a"), "c");

      assertThat(matches("a")).containsExactly("c a/#");
    }

    @Test
    void removingTheLastSubscriptionsPrunesEveryNodeButTheRoot() {
      String[] filters = {"a/b/c", "a/+/c", "a/#", "#", "+", "/#", "a//b", "+/+/+/d"};
      for (String f : filters) {
        subscribe("c", f);
        subscribe("d", f);
      }
      assertThat(tree.nodeCount()).isGreaterThan(1);

      for (String f : filters) {
        tree.remove(TopicFilter.of(f), "c");
        tree.remove(TopicFilter.of(f), "d");
      }

      assertThat(tree.isEmpty()).isTrue();
      assertThat(tree.nodeCount()).isEqualTo(1);
    }

    @Test
    void pruningStopsAtANodeThatStillHoldsSomething() {
      subscribe("c", "a/b/c/d");
      subscribe("c", "a/b");
      int before = tree.nodeCount(); // root, a, b, c, d

      tree.remove(TopicFilter.of("a/b/c/d"), "c");

      assertThat(tree.nodeCount()).isEqualTo(before - 2);
      assertThat(matches("a/b")).containsExactly("c a/b");
      subscribe("c", "a/b/c/d");
      assertThat(matches("a/b/c/d")).containsExactly("c a/b/c/d");
    }

    @Test
    void aFilterOfAnotherSyntaxIsRefused() {
      TopicFilter dotted = TopicFilter.of("a.*", new WildcardSyntax('.', '*', '>'));

      assertThatThrownBy(() -> tree.put(dotted, "c", "x"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> tree.remove(dotted, "c"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class CustomSyntax {
    private final WildcardSyntax dots = new WildcardSyntax('.', '*', '>');
    private final SubscriptionTree<String> dotted = new SubscriptionTree<>(dots);

    private void subscribe(String clientId, String filter) {
      dotted.put(TopicFilter.of(filter, dots), clientId, filter);
    }

    private List<String> matches(String topic) {
      return SubscriptionTreeTest.matches(dotted, TopicName.of(topic, dots));
    }

    @Test
    void theSyntaxDecidesTheSeparatorAndWildcards() {
      subscribe("one", "site.*.temp");
      subscribe("all", "site.>");

      assertThat(matches("site.7.temp")).containsExactlyInAnyOrder("one site.*.temp", "all site.>");
      assertThat(matches("site")).containsExactly("all site.>");
      assertThat(matches("site.7.8.temp")).containsExactly("all site.>");
    }

    @Test
    void theStandardCharactersAreOrdinaryUnderAnotherSyntax() {
      subscribe("plus", "a/+");
      subscribe("hash", "#");

      assertThat(matches("a/+")).containsExactly("plus a/+");
      assertThat(matches("a/b")).isEmpty();
      assertThat(matches("#")).containsExactly("hash #");
      assertThat(matches("x")).isEmpty();
    }

    @Test
    void aLeadingWildcardStillSkipsDollarTopics() {
      subscribe("all", ">");
      subscribe("one", "*.x");

      assertThat(matches("$SYS.x")).isEmpty();
      assertThat(matches("SYS.x")).containsExactlyInAnyOrder("all >", "one *.x");
    }
  }
}
