package io.petrel.broker.routing;

import io.petrel.broker.config.SharedSubscriptionStrategy;
import io.petrel.broker.subscription.SharedFilter;
import io.petrel.broker.subscription.SubscriptionTree;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every shared subscription group, found by its filter in a subscription tree of their own, where a
 * group takes the place a client has in the ordinary tree (keyed by share name). A separate tree
 * keeps the ordinary one exactly as fast as before, and costs a publish nothing while no group
 * exists ({@link #isEmpty}) and one failed lookup per level for a topic no group's filter matches.
 */
final class SharedGroups {
  private final SubscriptionTree<SharedGroup> tree;
  private final ConcurrentHashMap<SharedFilter, SharedGroup> groups = new ConcurrentHashMap<>();
  private final SharedSubscriptionStrategy strategy;

  SharedGroups(WildcardSyntax syntax, SharedSubscriptionStrategy strategy) {
    this.tree = new SubscriptionTree<>(syntax);
    this.strategy = strategy;
  }

  /**
   * Adds the subscriber to the group of the shared filter, creating the group on its first member.
   *
   * @return true if the client was not a member before
   */
  synchronized boolean join(SharedFilter shared, SubscriberEntry entry) {
    SharedGroup group = groups.get(shared);
    if (group == null) {
      group = new SharedGroup(MemberChooser.of(strategy));
      groups.put(shared, group);
      tree.put(shared.filter(), shared.shareName(), group);
    }
    return group.join(entry);
  }

  /** Removes the client from the group, and the group once it has no member; true if it was one. */
  synchronized boolean leave(SharedFilter shared, String clientId) {
    SharedGroup group = groups.get(shared);
    if (group == null || !group.leave(clientId)) {
      return false;
    }
    if (group.isEmpty()) {
      groups.remove(shared);
      tree.remove(shared.filter(), shared.shareName());
    }
    return true;
  }

  boolean isEmpty() {
    return tree.isEmpty();
  }

  /** Visits every group whose filter matches the topic, once each. */
  void match(TopicName topic, SubscriptionTree.Visitor<SharedGroup> visitor) {
    tree.match(topic, visitor);
  }

  /** The group of a shared filter, or null if it has no member. */
  SharedGroup group(SharedFilter shared) {
    return groups.get(shared);
  }
}
