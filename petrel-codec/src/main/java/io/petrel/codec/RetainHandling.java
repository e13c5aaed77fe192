package io.petrel.codec;

/** When retained messages are sent for a new subscription (MQTT 5.0 section 3.8.3.1). */
public enum RetainHandling {
  /** 0: send retained messages at the time of the subscribe. */
  SEND_ON_SUBSCRIBE,
  /** 1: send them only if the subscription did not exist before. */
  SEND_IF_NEW_SUBSCRIPTION,
  /** 2: do not send them. */
  DO_NOT_SEND;

  public int value() {
    return ordinal();
  }
}
