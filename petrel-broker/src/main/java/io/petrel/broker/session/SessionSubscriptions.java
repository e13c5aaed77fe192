package io.petrel.broker.session;

import io.petrel.broker.routing.MessageSink;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.store.SessionStore;
import io.petrel.broker.store.StoredSubscription;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A session's subscriptions: registered with the router, which matches them, and written to the
 * store while the session is persistent. Confined to the session's thread.
 */
final class SessionSubscriptions {
  private final MessageSink session;
  private final PublishRouter router;
  private final SessionStore store;
  // Created with the first subscription: most connections of a large fleet only publish, and an
  // empty LinkedHashSet is nearly 100 bytes per idle connection.
  private Set<TopicFilter> filters;

  SessionSubscriptions(MessageSink session, PublishRouter router, SessionStore store) {
    this.session = session;
    this.router = router;
    this.store = store;
  }

  /**
   * Adds or replaces a subscription.
   *
   * @param stored whether the session is persistent, so the store keeps the subscription
   * @return true if the client had no subscription to this exact filter before
   */
  boolean add(
      TopicFilter filter, SubscriptionOptions options, OptionalInt subscriptionId, boolean stored) {
    boolean isNew = router.subscribe(session, filter, options, subscriptionId);
    filters().add(filter);
    if (stored) {
      store.addSubscription(session.clientId(), filter.value(), options, subscriptionId);
    }
    return isNew;
  }

  /** Removes a subscription; true if there was one. */
  boolean remove(TopicFilter filter, boolean stored) {
    if (filters != null && filters.remove(filter) && stored) {
      store.removeSubscription(session.clientId(), filter.value());
    }
    return router.unsubscribe(session.clientId(), filter);
  }

  /** Registers the stored subscriptions again at start-up; the store has them already. */
  void restore(Map<String, StoredSubscription> stored) {
    stored.forEach(
        (filter, subscription) -> {
          TopicFilter f = TopicFilter.of(filter, router.syntax());
          router.subscribe(session, f, subscription.options(), subscription.subscriptionId());
          filters().add(f);
        });
  }

  /** Unregisters every subscription: the session ends or starts clean. */
  void clear() {
    if (filters == null) {
      return;
    }
    for (TopicFilter f : filters) {
      router.unsubscribe(session.clientId(), f);
    }
    filters = null;
  }

  private Set<TopicFilter> filters() {
    if (filters == null) {
      filters = new LinkedHashSet<>();
    }
    return filters;
  }
}
