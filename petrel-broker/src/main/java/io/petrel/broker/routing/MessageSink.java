package io.petrel.broker.routing;

import io.petrel.codec.QoS;
import io.petrel.codec.TopicFilter;

/**
 * Where the router hands a message for one subscriber: the subscriber's session. Implementations
 * must return quickly and do the work on their own thread.
 */
public interface MessageSink {

  /** The client id the sink belongs to. */
  String clientId();

  /**
   * Delivers a message that matched a subscription of this sink.
   *
   * @param message the routed message, shared with other sinks
   * @param qos the QoS to deliver at: min(publish QoS, granted QoS) over matching subscriptions
   * @param via the subscription whose buffer holds the message while it waits
   * @param retainFlag the retain flag to send: 0 for a message that matches an established
   *     subscription [MQTT-3.3.1-9], or as published when the subscription asked for Retain As
   *     Published [MQTT-3.3.1-12]
   */
  void deliver(Message message, QoS qos, TopicFilter via, boolean retainFlag);
}
