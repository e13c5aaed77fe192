package io.petrel.codec;

import java.util.Objects;

/** One topic filter of a SUBSCRIBE with its options. */
public record Subscription(String topicFilter, SubscriptionOptions options) {
  public Subscription {
    Objects.requireNonNull(topicFilter, "topicFilter");
    Objects.requireNonNull(options, "options");
  }
}
