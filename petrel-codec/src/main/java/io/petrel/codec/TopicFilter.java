package io.petrel.codec;

import java.util.Objects;

/**
 * A topic filter of a subscription, validated against a wildcard syntax: at least one character
 * [MQTT-4.7.3-1]; the multi-level wildcard only as a whole last level [MQTT-4.7.1-2]; the
 * single-level wildcard only as a whole level [MQTT-4.7.1-3].
 */
public final class TopicFilter {
  private final String value;
  private final WildcardSyntax syntax;
  private final boolean wildcard;

  private TopicFilter(String value, WildcardSyntax syntax, boolean wildcard) {
    this.value = value;
    this.syntax = syntax;
    this.wildcard = wildcard;
  }

  /**
   * Validates a topic filter.
   *
   * @throws IllegalArgumentException naming the rule that is broken
   */
  public static TopicFilter of(String value, WildcardSyntax syntax) {
    Objects.requireNonNull(value, "topic filter");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "a topic filter must be at least one character [MQTT-4.7.3-1]");
    }
    boolean wildcard = false;
    int levelStart = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("a topic filter must not contain U+0000 [MQTT-4.7.3-2]");
      }
      if (c == syntax.separator()) {
        levelStart = i + 1;
        continue;
      }
      boolean wholeLevel =
          i == levelStart && (i + 1 == value.length() || value.charAt(i + 1) == syntax.separator());
      if (c == syntax.multiLevel()) {
        if (!wholeLevel || i + 1 != value.length()) {
          throw new IllegalArgumentException(
              "the multi-level wildcard '"
                  + c
                  + "' must be the last character and stand alone in its level [MQTT-4.7.1-2]");
        }
        wildcard = true;
      } else if (c == syntax.singleLevel()) {
        if (!wholeLevel) {
          throw new IllegalArgumentException(
              "the single-level wildcard '"
                  + c
                  + "' must occupy an entire level of the filter [MQTT-4.7.1-3]");
        }
        wildcard = true;
      }
    }
    return new TopicFilter(value, syntax, wildcard);
  }

  public static TopicFilter of(String value) {
    return of(value, WildcardSyntax.DEFAULT);
  }

  public String value() {
    return value;
  }

  public WildcardSyntax syntax() {
    return syntax;
  }

  public boolean hasWildcard() {
    return wildcard;
  }

  /** Whether the filter matches the topic; a leading wildcard never matches a '$' topic. */
  public boolean matches(TopicName topic) {
    String t = topic.value();
    if (t.charAt(0) == '$' && syntax.isWildcard(value.charAt(0))) {
      return false; // [MQTT-4.7.2-1]
    }
    int fi = 0;
    int ti = 0;
    while (fi < value.length()) {
      char fc = value.charAt(fi);
      if (fc == syntax.multiLevel()) {
        return true; // also matches the parent level: "a/#" matches "a" [MQTT-4.7.1-2]
      }
      if (fc == syntax.singleLevel()) {
        while (ti < t.length() && t.charAt(ti) != syntax.separator()) {
          ti++;
        }
        fi++;
      } else {
        if (ti >= t.length()) {
          // "a/#" against "a": the filter has "/#" left, which matches the parent.
          return fc == syntax.separator()
              && fi + 2 == value.length()
              && value.charAt(fi + 1) == syntax.multiLevel();
        }
        if (fc != t.charAt(ti)) {
          return false;
        }
        fi++;
        ti++;
      }
    }
    return ti == t.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicFilter other
        && value.equals(other.value)
        && syntax.equals(other.syntax);
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
