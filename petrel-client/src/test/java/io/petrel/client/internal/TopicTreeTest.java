package io.petrel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTreeTest {
  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "a/b/c, a/b/c, true",
    "a/+/c, a/b/c, true",
    "a/+/c, a/b/d, false",
    "a/#, a/b/c, true",
    "a/#, a, true", // [MQTT-4.7.1-2]: # also matches the parent level
    "#, a/b, true",
    "+, a, true",
    "+, a/b, false",
    "+/+, /a, true",
    "a/+, a/, true",
    "#, $SYS/x, false", // [MQTT-4.7.2-1]
    "+/x, $SYS/x, false",
    "$SYS/#, $SYS/x, true",
    "a/b, a/b/c, false",
    "A/b, a/b, false",
  })
  void matchesLikeTheSpec(String filter, String topic, boolean matches) {
    TopicTree<String> tree = new TopicTree<>();
    tree.put(filter, filter);
    assertThat(tree.match(topic)).isEqualTo(matches ? List.of(filter) : List.of());
  }

  @Test
  void overlappingFiltersEachMatchOnce() {
    TopicTree<String> tree = new TopicTree<>();
    for (String f : List.of("home/kitchen/temp", "home/+/temp", "home/#", "#", "+/+/+", "x/#")) {
      tree.put(f, f);
    }
    assertThat(tree.match("home/kitchen/temp"))
        .containsExactlyInAnyOrder("home/kitchen/temp", "home/+/temp", "home/#", "#", "+/+/+");
  }

  @Test
  void removePrunesAndKeepsTheRest() {
    TopicTree<String> tree = new TopicTree<>();
    tree.put("a/b", "1");
    tree.put("a/b/c", "2");
    assertThat(tree.remove("a/b")).isEqualTo("1");
    assertThat(tree.remove("a/b")).isNull();
    assertThat(tree.match("a/b")).isEmpty();
    assertThat(tree.match("a/b/c")).containsExactly("2");
    assertThat(tree.remove("a/b/c")).isEqualTo("2");
    assertThat(tree.size()).isZero();
  }

  @Test
  void putReplacesTheValueOfTheSameFilter() {
    TopicTree<String> tree = new TopicTree<>();
    assertThat(tree.put("a/+", "old")).isNull();
    assertThat(tree.put("a/+", "new")).isEqualTo("old");
    assertThat(tree.match("a/x")).containsExactly("new");
    assertThat(tree.size()).isEqualTo(1);
  }

  /** Property-style: the tree agrees with the codec's own matcher on random filters and topics. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void agreesWithTopicFilterMatchesOnRandomInput(long seed) {
    Random random = new Random(seed);
    String[] words = {"a", "b", "c", "", "$x"};
    List<String> filters = new ArrayList<>();
    TopicTree<String> tree = new TopicTree<>();
    for (int i = 0; i < 40; i++) {
      StringBuilder f = new StringBuilder();
      int levels = 1 + random.nextInt(4);
      for (int l = 0; l < levels; l++) {
        if (l > 0) {
          f.append('/');
        }
        int r = random.nextInt(10);
        if (r == 0 && l == levels - 1) {
          f.append('#');
        } else if (r < 3) {
          f.append('+');
        } else {
          f.append(words[random.nextInt(words.length)]);
        }
      }
      String filter = f.toString();
      if (filter.isEmpty()) {
        continue;
      }
      filters.add(filter);
      tree.put(filter, filter);
    }
    for (int i = 0; i < 200; i++) {
      StringBuilder t = new StringBuilder();
      int levels = 1 + random.nextInt(4);
      for (int l = 0; l < levels; l++) {
        if (l > 0) {
          t.append('/');
        }
        t.append(words[random.nextInt(words.length)]);
      }
      String topic = t.toString();
      if (topic.isEmpty()) {
        continue;
      }
      List<String> expected =
          filters.stream()
              .distinct()
              .filter(f -> TopicFilter.of(f).matches(TopicName.of(topic)))
              .toList();
      assertThat(tree.match(topic)).as(topic).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
