package io.petrel.broker.routing;

import java.util.Arrays;

/**
 * The members of one shared subscription ({@code $share/{ShareName}/{filter}}): each message that
 * matches the filter goes to exactly one of them (MQTT 5.0 section 4.8.2), at that member's granted
 * QoS [MQTT-4.8.2-3]. Members change rarely and messages are routed often, so the member list is
 * copied on write and read without a lock by every routing thread.
 */
final class SharedGroup {
  private static final SubscriberEntry[] NONE = new SubscriberEntry[0];

  private final MemberChooser chooser;
  // Changed only under the owning SharedGroups' lock; volatile so routing threads see each copy.
  private volatile SubscriberEntry[] members = NONE;

  SharedGroup(MemberChooser chooser) {
    this.chooser = chooser;
  }

  /**
   * Adds a member, or replaces its entry if the client is already one.
   *
   * @return true if the client was not a member before
   */
  boolean join(SubscriberEntry entry) {
    SubscriberEntry[] current = members;
    int at = indexOf(current, entry.sink().clientId());
    SubscriberEntry[] next;
    if (at >= 0) {
      next = current.clone();
      next[at] = entry;
    } else {
      next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = entry;
    }
    members = next;
    return at < 0;
  }

  /** Removes a member; true if the client was one. */
  boolean leave(String clientId) {
    SubscriberEntry[] current = members;
    int at = indexOf(current, clientId);
    if (at < 0) {
      return false;
    }
    SubscriberEntry[] next = new SubscriberEntry[current.length - 1];
    System.arraycopy(current, 0, next, 0, at);
    System.arraycopy(current, at + 1, next, at, current.length - at - 1);
    members = next;
    return true;
  }

  boolean isEmpty() {
    return members.length == 0;
  }

  int size() {
    return members.length;
  }

  /** The member that gets the next message, online members first; null when the group is empty. */
  SubscriberEntry pick() {
    return chooser.choose(members, null, false);
  }

  /**
   * Another member for a message that {@code fromClientId} cannot take, or null if there is none
   * (or none online, when {@code onlineOnly}).
   */
  SubscriberEntry pickOther(String fromClientId, boolean onlineOnly) {
    return chooser.choose(members, fromClientId, onlineOnly);
  }

  private static int indexOf(SubscriberEntry[] entries, String clientId) {
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].sink().clientId().equals(clientId)) {
        return i;
      }
    }
    return -1;
  }
}
