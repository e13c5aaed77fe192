package io.petrel.broker.routing;

import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.TopicFilter;

/** What the subscription tree holds for one client's subscription to one filter. */
public record SubscriberEntry(MessageSink sink, TopicFilter filter, SubscriptionOptions options) {}
