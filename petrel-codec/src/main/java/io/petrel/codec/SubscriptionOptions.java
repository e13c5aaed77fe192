package io.petrel.codec;

import java.util.Objects;

/** The options byte of one SUBSCRIBE entry. MQTT 3.1.1 has only the maximum QoS. */
public record SubscriptionOptions(
    QoS maxQos, boolean noLocal, boolean retainAsPublished, RetainHandling retainHandling) {
  public SubscriptionOptions {
    Objects.requireNonNull(maxQos, "maxQos");
    Objects.requireNonNull(retainHandling, "retainHandling");
  }

  /** Options with only a maximum QoS, as MQTT 3.1.1 expresses them. */
  public static SubscriptionOptions of(QoS maxQos) {
    return new SubscriptionOptions(maxQos, false, false, RetainHandling.SEND_ON_SUBSCRIBE);
  }
}
