package io.petrel.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which topic names are valid? */
class TopicNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "/", "a/b", "/a/", "a//b", "$SYS/broker", " ", "\u00fc/\u4e16"})
  void topicNamesWithoutWildcardsAreValid(String name) {
    assertThat(TopicName.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @CsvSource({
    "MQTT-4.7.3-1, ''",
    "MQTT-3.3.2-2, a/+",
    "MQTT-3.3.2-2, #",
    "MQTT-3.3.2-2, a+b",
    "MQTT-4.7.3-2, a\u0000b"
  })
  void invalidTopicNamesAreRefusedNamingTheRule(String rule, String name) {
    assertThatThrownBy(() -> TopicName.of(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[" + rule + "]");
  }

  @Test
  void aCustomSyntaxMakesTheStandardWildcardsOrdinary() {
    WildcardSyntax dots = new WildcardSyntax('.', '*', '>');

    assertThat(TopicName.of("a/+/#", dots).value()).isEqualTo("a/+/#");
    assertThatThrownBy(() -> TopicName.of("a.*", dots))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void topicsStartingWithDollarAreSystemTopics() {
    assertThat(TopicName.of("$SYS/x").isSystemTopic()).isTrue();
    assertThat(TopicName.of("x/$SYS").isSystemTopic()).isFalse();
  }
}
