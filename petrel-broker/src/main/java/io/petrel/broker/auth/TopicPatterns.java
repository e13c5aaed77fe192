package io.petrel.broker.auth;

import io.petrel.codec.WildcardSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * Topic matching for authorization, on plain strings: the ACL's filters are built per client (with
 * {@code %c} and {@code %u} substituted), so they are not worth turning into {@code TopicFilter}s.
 */
final class TopicPatterns {
  private TopicPatterns() {}

  /**
   * Whether the filter matches the topic, as a subscription would: {@code +} one level, {@code #}
   * the rest (and the parent level), and no leading wildcard matches a {@code $} topic
   * [MQTT-4.7.2-1].
   */
  static boolean matches(String filter, String topic, WildcardSyntax syntax) {
    List<String> f = levels(filter, syntax);
    List<String> t = levels(topic, syntax);
    if (topic.startsWith("$") && !f.isEmpty() && isWildcard(f.get(0), syntax)) {
      return false;
    }
    for (int i = 0; i < f.size(); i++) {
      String level = f.get(i);
      if (isMulti(level, syntax)) {
        return true;
      }
      if (i >= t.size()) {
        return false;
      }
      if (!isSingle(level, syntax) && !level.equals(t.get(i))) {
        return false;
      }
    }
    return f.size() == t.size();
  }

  /**
   * Whether every topic the subscription filter can match is matched by the ACL filter: Mosquitto's
   * {@code mosquitto_sub_matches_acl}. Level by level, the ACL's {@code #} covers the rest, the
   * ACL's {@code +} covers any one level (a literal or {@code +}, not {@code #}), and a literal
   * covers only the same literal. So {@code sensors/+} covers {@code sensors/+} and {@code
   * sensors/t1}, but {@code sensors/t1} does not cover {@code sensors/+}.
   */
  static boolean covers(String aclFilter, String subscription, WildcardSyntax syntax) {
    List<String> a = levels(aclFilter, syntax);
    List<String> s = levels(subscription, syntax);
    if (subscription.startsWith("$") && !a.isEmpty() && isWildcard(a.get(0), syntax)) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      String level = a.get(i);
      if (isMulti(level, syntax)) {
        return true;
      }
      if (i >= s.size()) {
        return false;
      }
      String sub = s.get(i);
      if (isMulti(sub, syntax)) {
        return false;
      }
      if (!isSingle(level, syntax) && !level.equals(sub)) {
        return false;
      }
    }
    return a.size() == s.size();
  }

  /** Whether a filter or topic contains a wildcard character anywhere. */
  static boolean hasWildcard(String value, WildcardSyntax syntax) {
    return value.indexOf(syntax.singleLevel()) >= 0 || value.indexOf(syntax.multiLevel()) >= 0;
  }

  static List<String> levels(String value, WildcardSyntax syntax) {
    List<String> levels = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == syntax.separator()) {
        levels.add(value.substring(start, i));
        start = i + 1;
      }
    }
    levels.add(value.substring(start));
    return levels;
  }

  private static boolean isWildcard(String level, WildcardSyntax syntax) {
    return isSingle(level, syntax) || isMulti(level, syntax);
  }

  private static boolean isSingle(String level, WildcardSyntax syntax) {
    return level.length() == 1 && level.charAt(0) == syntax.singleLevel();
  }

  private static boolean isMulti(String level, WildcardSyntax syntax) {
    return level.length() == 1 && level.charAt(0) == syntax.multiLevel();
  }
}
