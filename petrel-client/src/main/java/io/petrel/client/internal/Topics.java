package io.petrel.client.internal;

import io.petrel.codec.MqttDataTypes;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import java.util.Objects;

/**
 * Checks topics before anything is sent, so that a bad one fails the call with the rule it breaks
 * instead of getting the connection closed by the broker.
 */
public final class Topics {
  /** The longest UTF-8 string MQTT can carry: its length is a two-byte integer. */
  static final int MAX_UTF8_BYTES = 65_535;

  private static final String SHARED_PREFIX = "$share/";

  private Topics() {}

  /**
   * Checks a topic name a message is published to ("Send").
   *
   * @throws IllegalArgumentException naming the rule: a wildcard [MQTT-3.3.2-2], empty
   *     [MQTT-4.7.3-1], U+0000 [MQTT-4.7.3-2], too long or ill-formed UTF-16 [MQTT-1.5.4-1]
   */
  public static TopicName checkTopicName(String topic) {
    Objects.requireNonNull(topic, "topic");
    checkUtf8(topic, "topic name");
    return TopicName.of(topic);
  }

  /**
   * Checks a topic filter a subscription is made with ("Listen").
   *
   * @throws IllegalArgumentException naming the rule that is broken
   */
  public static TopicFilter checkTopicFilter(String filter) {
    Objects.requireNonNull(filter, "filter");
    checkUtf8(filter, "topic filter");
    if (filter.startsWith(SHARED_PREFIX)) {
      int slash = filter.indexOf('/', SHARED_PREFIX.length());
      String group = slash < 0 ? "" : filter.substring(SHARED_PREFIX.length(), slash);
      if (group.isEmpty() || group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
        throw new IllegalArgumentException(
            "a shared subscription is $share/{group}/{filter} with a group name of at least one"
                + " character and no wildcard [MQTT-4.8.2-1][MQTT-4.8.2-2]");
      }
      TopicFilter.of(filter.substring(slash + 1));
    }
    return TopicFilter.of(filter);
  }

  /**
   * The filter messages are matched against: the filter after {@code $share/{group}/} for a shared
   * subscription, the filter itself otherwise.
   */
  static String matchingFilter(String filter) {
    if (filter.startsWith(SHARED_PREFIX)) {
      int slash = filter.indexOf('/', SHARED_PREFIX.length());
      return filter.substring(slash + 1);
    }
    return filter;
  }

  /** The UTF-8 length limit and well-formedness [MQTT-1.5.4-1], without encoding the string. */
  private static void checkUtf8(String s, String what) {
    int bytes;
    try {
      bytes = MqttDataTypes.utf8Length(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a " + what + " must be well-formed UTF-8: " + e.getMessage() + " [MQTT-1.5.4-1]", e);
    }
    if (bytes > MAX_UTF8_BYTES) {
      throw new IllegalArgumentException(
          "a " + what + " must be at most 65535 bytes of UTF-8, not " + bytes + " [MQTT-1.5.4-1]");
    }
  }
}
