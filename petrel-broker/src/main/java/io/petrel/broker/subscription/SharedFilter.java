package io.petrel.broker.subscription;

import io.petrel.codec.TopicFilter;
import java.util.Optional;

/**
 * A shared subscription's filter, {@code $share/{ShareName}/{filter}} (MQTT 5.0 section 4.8.2),
 * split into its share name and the filter its members' messages match. Petrel accepts it from MQTT
 * 3.1.1 clients too: to them it is an ordinary filter string with a meaning of its own.
 *
 * @param shareName the group's name within the filter: at least one character, no separator or
 *     wildcard
 * @param filter the topic filter that the group's messages match
 */
public record SharedFilter(String shareName, TopicFilter filter) {
  private static final String PREFIX = "$share";

  /**
   * The shared filter a subscription's filter names, or empty for an ordinary filter (one whose
   * first level is not {@code $share}).
   *
   * @throws IllegalArgumentException if it starts with {@code $share} and breaks the rules of a
   *     shared filter [MQTT-4.8.2-1][MQTT-4.8.2-2]
   */
  public static Optional<SharedFilter> parse(TopicFilter full) {
    if (!isShared(full)) {
      return Optional.empty();
    }
    String value = full.value();
    char separator = full.syntax().separator();
    int nameStart = PREFIX.length() + 1;
    int nameEnd = value.indexOf(separator, nameStart);
    if (nameEnd < 0) {
      throw new IllegalArgumentException(
          "a shared subscription needs a share name followed by '"
              + separator
              + "' and a topic filter [MQTT-4.8.2-2]");
    }
    String shareName = value.substring(nameStart, nameEnd);
    if (shareName.isEmpty()) {
      throw new IllegalArgumentException(
          "a shared subscription's share name must be at least one character [MQTT-4.8.2-1]");
    }
    for (int i = 0; i < shareName.length(); i++) {
      if (full.syntax().isWildcard(shareName.charAt(i))) {
        throw new IllegalArgumentException(
            "a share name must not contain a wildcard character [MQTT-4.8.2-2]");
      }
    }
    String rest = value.substring(nameEnd + 1);
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(
          "a share name must be followed by a topic filter [MQTT-4.8.2-2]");
    }
    return Optional.of(new SharedFilter(shareName, TopicFilter.of(rest, full.syntax())));
  }

  /** Whether the filter's first level is {@code $share}: cheap, for the session's slow paths. */
  public static boolean isShared(TopicFilter full) {
    String value = full.value();
    return value.startsWith(PREFIX)
        && (value.length() == PREFIX.length()
            || value.charAt(PREFIX.length()) == full.syntax().separator());
  }
}
