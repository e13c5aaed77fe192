package io.petrel.broker.routing;

import io.petrel.codec.QoS;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the subscription tree (or a shared group) holds for one client's subscription to one filter.
 *
 * @param sink the subscriber's session
 * @param filter the filter as subscribed: {@code $share/...} for a shared subscription, which keeps
 *     its messages in a buffer of their own
 * @param options the subscription options
 * @param subscriptionIds the subscription identifier as the list every PUBLISH for it carries
 *     [MQTT-3.3.4-3]; built once here so that a delivery allocates nothing for it, and empty
 *     without an identifier
 */
public record SubscriberEntry(
    MessageSink sink,
    TopicFilter filter,
    SubscriptionOptions options,
    List<Integer> subscriptionIds) {

  public SubscriberEntry {
    subscriptionIds = List.copyOf(subscriptionIds);
  }

  public SubscriberEntry(
      MessageSink sink, TopicFilter filter, SubscriptionOptions options, OptionalInt id) {
    this(sink, filter, options, id.isPresent() ? List.of(id.getAsInt()) : List.of());
  }

  /** The QoS a message published at {@code published} goes to this subscriber with. */
  QoS qosFor(QoS published) {
    return QoS.min(published, options.maxQos());
  }
}
