package io.petrel.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which topic filters are valid, and which topics do they match? */
class TopicFilterTest {
  private static final WildcardSyntax DOTS = new WildcardSyntax('.', '*', '>');

  @ParameterizedTest
  @ValueSource(strings = {"#", "+", "a", "a/#", "a/+", "+/+", "/+", "+/", "a/+/b/#", "$SYS/#", "/"})
  void validFiltersAreAccepted(String filter) {
    assertThat(TopicFilter.of(filter).value()).isEqualTo(filter);
  }

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @CsvSource({
    "MQTT-4.7.3-1, ''",
    "MQTT-4.7.1-2, a/#/b",
    "MQTT-4.7.1-2, a#",
    "MQTT-4.7.1-2, #/",
    "MQTT-4.7.1-2, a/b#",
    "MQTT-4.7.1-3, a+",
    "MQTT-4.7.1-3, a/+b",
    "MQTT-4.7.1-3, ++",
    "MQTT-4.7.3-2, a\u0000b"
  })
  void invalidFiltersAreRefusedNamingTheRule(String rule, String filter) {
    assertThatThrownBy(() -> TopicFilter.of(filter))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[" + rule + "]");
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "a/#, a, true", // the multi-level wildcard includes the parent level [MQTT-4.7.1-2]
    "a/#, a/b/c, true",
    "a/#, ab, false",
    "#, a/b, true",
    "+, a, true",
    "+, a/b, false", // a single-level wildcard never crosses a level
    "a/+, a/b, true",
    "a/+, a/b/c, false",
    "a/+, a, false",
    "a/+, a/, true",
    "+/+, /a, true",
    "+/b, a/b, true",
    "a/+/c, a/b/c, true",
    "a/+/c, a/b/d, false",
    "a/b, a/b, true",
    "a/b, a/bc, false",
    "a/b, A/b, false",
    "#, $SYS/x, false", // leading wildcards do not match $ topics [MQTT-4.7.2-1]
    "+/x, $SYS/x, false",
    "$SYS/#, $SYS/x, true",
    "$SYS/+, $SYS/x, true"
  })
  void filtersMatchTopicsLevelByLevel(String filter, String topic, boolean matches) {
    assertThat(TopicFilter.of(filter).matches(TopicName.of(topic))).isEqualTo(matches);
  }

  @Test
  void aCustomSyntaxUsesItsOwnSeparatorAndWildcards() {
    assertThat(TopicFilter.of("a.>", DOTS).matches(TopicName.of("a.b.c", DOTS))).isTrue();
    assertThat(TopicFilter.of("a.>", DOTS).matches(TopicName.of("a", DOTS))).isTrue();
    assertThat(TopicFilter.of("a.*", DOTS).matches(TopicName.of("a.b", DOTS))).isTrue();
    assertThat(TopicFilter.of("a.*", DOTS).matches(TopicName.of("a.b.c", DOTS))).isFalse();
    assertThat(TopicFilter.of(">", DOTS).matches(TopicName.of("$SYS.x", DOTS))).isFalse();
    // '/', '+' and '#' are ordinary characters under this syntax.
    assertThat(TopicFilter.of("a/+#", DOTS).hasWildcard()).isFalse();
    assertThat(TopicFilter.of("a/+#", DOTS).matches(TopicName.of("a/+#", DOTS))).isTrue();
    assertThatThrownBy(() -> TopicFilter.of("a.>.b", DOTS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hasWildcardTellsFiltersWithWildcardsApart() {
    assertThat(TopicFilter.of("a/+").hasWildcard()).isTrue();
    assertThat(TopicFilter.of("a/#").hasWildcard()).isTrue();
    assertThat(TopicFilter.of("a/b").hasWildcard()).isFalse();
  }
}
