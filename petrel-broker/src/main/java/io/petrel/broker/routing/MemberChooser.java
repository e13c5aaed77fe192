package io.petrel.broker.routing;

import io.petrel.broker.config.SharedSubscriptionStrategy;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the member of a shared group that gets the next message, by the configured strategy. Every
 * strategy prefers members that are online and falls back to offline ones (whose persistent session
 * then keeps the message until they return) only when none is online. One chooser per group; safe
 * for the many routing threads at once, and allocation-free.
 */
abstract class MemberChooser {

  static MemberChooser of(SharedSubscriptionStrategy strategy) {
    return switch (strategy) {
      case ROUND_ROBIN -> new RoundRobin();
      case RANDOM -> new RandomPick();
      case STICKY -> new Sticky();
    };
  }

  /**
   * The member for the next message.
   *
   * @param members the group's members, not changed by the caller
   * @param excludedClientId a member that must not get it (the one handing it back), or null
   * @param onlineOnly whether to pick only among online members
   * @return the chosen member, or null if none qualifies
   */
  SubscriberEntry choose(SubscriberEntry[] members, String excludedClientId, boolean onlineOnly) {
    int n = members.length;
    if (n == 0) {
      return null;
    }
    int start = start(n);
    SubscriberEntry chosen = scan(members, start, excludedClientId, true);
    if (chosen == null && !onlineOnly) {
      chosen = scan(members, start, excludedClientId, false);
    }
    return chosen;
  }

  /** Where the scan for an eligible member starts. */
  abstract int start(int memberCount);

  static SubscriberEntry scan(
      SubscriberEntry[] members, int start, String excludedClientId, boolean online) {
    int n = members.length;
    for (int i = 0; i < n; i++) {
      SubscriberEntry e = members[(start + i) % n];
      if ((!online || e.sink().isOnline()) && !e.sink().clientId().equals(excludedClientId)) {
        return e;
      }
    }
    return null;
  }

  /** Takes turns; an offline member's turn passes to the next online one. */
  static final class RoundRobin extends MemberChooser {
    private final AtomicInteger next = new AtomicInteger();

    @Override
    int start(int memberCount) {
      return Math.floorMod(next.getAndIncrement(), memberCount);
    }
  }

  static final class RandomPick extends MemberChooser {
    @Override
    int start(int memberCount) {
      return ThreadLocalRandom.current().nextInt(memberCount);
    }
  }

  /** Keeps the last chosen member while it is still eligible, then moves on to the next. */
  static final class Sticky extends MemberChooser {
    // A race between routing threads may pick two members for a moment; both stay correct
    // deliveries, and the last write wins the stickiness.
    private volatile SubscriberEntry current;

    @Override
    SubscriberEntry choose(SubscriberEntry[] members, String excludedClientId, boolean onlineOnly) {
      SubscriberEntry c = current;
      if (c != null) {
        // By client id: a member that subscribed again holds a new entry and stays the one.
        SubscriberEntry now = find(members, c.sink().clientId());
        if (now != null
            && now.sink().isOnline()
            && !now.sink().clientId().equals(excludedClientId)) {
          return now;
        }
      }
      SubscriberEntry chosen = super.choose(members, excludedClientId, onlineOnly);
      if (chosen != null && chosen.sink().isOnline()) {
        current = chosen;
      }
      return chosen;
    }

    @Override
    int start(int memberCount) {
      return 0;
    }

    private static SubscriberEntry find(SubscriberEntry[] members, String clientId) {
      for (SubscriberEntry m : members) {
        if (m.sink().clientId().equals(clientId)) {
          return m;
        }
      }
      return null;
    }
  }
}
