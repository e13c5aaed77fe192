package io.petrel.broker.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which member of a shared subscription group gets the next message (MQTT 5.0 section 4.8.2 leaves
 * the choice to the server). Online members are preferred whatever the strategy.
 */
public enum SharedSubscriptionStrategy {
  /** Members take turns: an even split when all are online (the default, as in EMQX). */
  ROUND_ROBIN,
  /** A member chosen at random for each message. */
  RANDOM,
  /** The same member until it leaves the group or goes offline: keeps a topic's order. */
  STICKY;

  /**
   * The value as the config file spells it: {@code round_robin}, {@code random}, {@code sticky}.
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SharedSubscriptionStrategy parse(String value) throws BadValueException {
    for (SharedSubscriptionStrategy s : values()) {
      if (s.key().equals(value)) {
        return s;
      }
    }
    throw new BadValueException(
        Values.quote(value)
            + " is not allowed; use "
            + Arrays.stream(values())
                .map(SharedSubscriptionStrategy::key)
                .collect(Collectors.joining(", ")));
  }
}
