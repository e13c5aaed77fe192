package io.petrel.codec;

import java.util.Objects;

/**
 * A topic name a message is published to: at least one character [MQTT-4.7.3-1] and no wildcard
 * characters [MQTT-3.3.2-2]. Validated once, so code past the codec never sees a bad one.
 */
public final class TopicName {
  private final String value;

  private TopicName(String value) {
    this.value = value;
  }

  /**
   * Validates a topic name against the given syntax.
   *
   * @throws IllegalArgumentException naming the rule that is broken
   */
  public static TopicName of(String value, WildcardSyntax syntax) {
    Objects.requireNonNull(value, "topic name");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "a topic name must be at least one character [MQTT-4.7.3-1]");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (syntax.isWildcard(c)) {
        throw new IllegalArgumentException(
            "a topic name must not contain the wildcard '" + c + "' [MQTT-3.3.2-2]");
      }
      if (c == 0) {
        throw new IllegalArgumentException("a topic name must not contain U+0000 [MQTT-4.7.3-2]");
      }
    }
    return new TopicName(value);
  }

  public static TopicName of(String value) {
    return of(value, WildcardSyntax.DEFAULT);
  }

  public String value() {
    return value;
  }

  /**
   * Topics starting with '$' are for the server; leading wildcards do not match them
   * [MQTT-4.7.2-1].
   */
  public boolean isSystemTopic() {
    return value.charAt(0) == '$';
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicName other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
