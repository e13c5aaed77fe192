package io.petrel.broker.store;

import io.petrel.codec.SubscriptionOptions;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One subscription of a stored session, as its SUBSCRIBE made it.
 *
 * @param options the subscription options
 * @param subscriptionId the SUBSCRIBE's subscription identifier, part of the session state (MQTT
 *     5.0 section 3.8.2.1.2); empty if it had none
 */
public record StoredSubscription(SubscriptionOptions options, OptionalInt subscriptionId) {
  public StoredSubscription {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
  }
}
