package io.petrel.broker.routing;

import io.petrel.broker.retain.RetainedMessageStore;
import io.petrel.broker.subscription.SubscriptionTree;
import io.petrel.codec.QoS;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.WildcardSyntax;
import java.util.List;

/**
 * The one place that knows who is subscribed: every publish goes through {@link #publish}, which
 * updates the retained store, matches the subscription tree and hands each matching session one
 * copy. A cluster can later forward to other nodes here without touching sessions or transports.
 * Safe to call from any session thread: the tree and the retained store are concurrent.
 */
public final class PublishRouter {
  private final SubscriptionTree<SubscriberEntry> tree;
  private final RetainedMessageStore retained;
  private final boolean retainAvailable;
  private final WildcardSyntax syntax;

  public PublishRouter(
      WildcardSyntax syntax, RetainedMessageStore retained, boolean retainAvailable) {
    this.tree = new SubscriptionTree<>(syntax);
    this.retained = retained;
    this.retainAvailable = retainAvailable;
    this.syntax = syntax;
  }

  public WildcardSyntax syntax() {
    return syntax;
  }

  /**
   * Routes a message to every matching subscriber and, if it is retained, stores it (or deletes the
   * topic's retained message when the payload is empty [MQTT-3.3.1-10]).
   *
   * @return how many sessions it was handed to
   */
  public int publish(Message message) {
    if (message.retain() && retainAvailable) {
      if (message.payload().isEmpty()) {
        retained.remove(message.topic()); // [MQTT-3.3.1-10], not stored [MQTT-3.3.1-11]
      } else {
        retained.put(message); // [MQTT-3.3.1-5]
      }
    }
    // A client with overlapping subscriptions gets one copy, at the highest granted QoS among the
    // matching ones (MQTT 3.1.1 section 3.3.5).
    MatchCollector matches = MatchCollector.acquire(message.publisherId());
    try {
      tree.match(message.topic(), matches);
      int count = matches.size();
      message.fanOut(count);
      for (int i = 0; i < count; i++) {
        SubscriberEntry entry = matches.get(i);
        QoS qos = QoS.min(message.qos(), entry.options().maxQos());
        boolean retainFlag = message.retain() && entry.options().retainAsPublished();
        entry.sink().deliver(message, qos, entry.filter(), retainFlag);
      }
      return count;
    } finally {
      matches.release();
    }
  }

  /**
   * Adds or replaces a subscription.
   *
   * @return true if the client had no subscription to this exact filter before
   */
  public boolean subscribe(MessageSink sink, TopicFilter filter, SubscriptionOptions options) {
    return tree.put(filter, sink.clientId(), new SubscriberEntry(sink, filter, options)).isEmpty();
  }

  /** Removes a subscription; true if there was one. */
  public boolean unsubscribe(String clientId, TopicFilter filter) {
    return tree.remove(filter, clientId).isPresent();
  }

  /** The retained messages a new subscription to the filter receives. */
  public List<Message> retainedFor(TopicFilter filter) {
    return retainAvailable ? retained.matching(filter) : List.of();
  }
}
