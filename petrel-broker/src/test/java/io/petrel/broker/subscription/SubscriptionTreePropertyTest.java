package io.petrel.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Does the tree agree with the codec's reference matcher, {@link TopicFilter#matches}, on random
 * subscriptions and topics? Levels come from a small alphabet (with empty levels, a '$' level, case
 * variants and the other syntax's wildcard characters) so that random filters and topics meet
 * often. Seeded: a failure names its seed and replays.
 */
class SubscriptionTreePropertyTest {
  private static final WildcardSyntax DOTS = new WildcardSyntax('.', '*', '>');
  private static final String[] CLIENTS = {"c0", "c1", "c2", "c3"};

  static Stream<Arguments> seedsAndSyntaxes() {
    return IntStream.range(0, 25)
        .boxed()
        .flatMap(
            seed ->
                Stream.of(
                    Arguments.of(seed, WildcardSyntax.DEFAULT), Arguments.of(seed + 1000, DOTS)));
  }

  @ParameterizedTest(name = "seed {0}, syntax {1}")
  @MethodSource("seedsAndSyntaxes")
  void theTreeMatchesWhatTheReferenceMatcherMatches(int seed, WildcardSyntax syntax) {
    Random random = new Random(seed);
    List<String> alphabet = alphabet(syntax);
    SubscriptionTree<String> tree = new SubscriptionTree<>(syntax);
    Map<String, TopicFilter> model = new HashMap<>(); // "client filter" -> filter

    for (int i = 0; i < 200; i++) {
      TopicFilter filter = TopicFilter.of(randomFilter(random, alphabet, syntax), syntax);
      String client = CLIENTS[random.nextInt(CLIENTS.length)];
      String key = client + " " + filter.value();
      if (random.nextInt(4) == 0) {
        assertThat(tree.remove(filter, client).isPresent()).isEqualTo(model.remove(key) != null);
      } else {
        assertThat(tree.put(filter, client, filter.value()).isPresent())
            .isEqualTo(model.put(key, filter) != null);
      }
    }
    assertThat(tree.size()).isEqualTo(model.size());

    for (int i = 0; i < 300; i++) {
      TopicName topic = TopicName.of(randomTopic(random, alphabet, syntax), syntax);
      List<String> expected = new ArrayList<>();
      model.forEach(
          (key, filter) -> {
            if (filter.matches(topic)) {
              expected.add(key);
            }
          });

      assertThat(SubscriptionTreeTest.matches(tree, topic))
          .as("topic '%s' (seed %d)", topic, seed)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** Literal levels for the syntax: the other syntax's special characters are ordinary here. */
  static List<String> alphabet(WildcardSyntax syntax) {
    List<String> levels = new ArrayList<>(List.of("a", "b", "A", "", "$s", "ab"));
    for (char c : "/+#.*>".toCharArray()) {
      if (c != syntax.separator() && !syntax.isWildcard(c)) {
        levels.add(String.valueOf(c));
      }
    }
    return levels;
  }

  static String randomFilter(Random random, List<String> alphabet, WildcardSyntax syntax) {
    int levels = 1 + random.nextInt(4);
    StringBuilder f = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      if (i > 0) {
        f.append(syntax.separator());
      }
      int pick = random.nextInt(10);
      if (pick == 0 && i == levels - 1) {
        f.append(syntax.multiLevel());
      } else if (pick <= 2) {
        f.append(syntax.singleLevel());
      } else {
        f.append(alphabet.get(random.nextInt(alphabet.size())));
      }
    }
    return f.isEmpty() ? randomFilter(random, alphabet, syntax) : f.toString();
  }

  static String randomTopic(Random random, List<String> alphabet, WildcardSyntax syntax) {
    int levels = 1 + random.nextInt(5);
    StringBuilder t = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      if (i > 0) {
        t.append(syntax.separator());
      }
      t.append(alphabet.get(random.nextInt(alphabet.size())));
    }
    return t.isEmpty() ? randomTopic(random, alphabet, syntax) : t.toString();
  }
}
