package io.petrel.broker.routing;

import io.petrel.codec.QoS;
import io.petrel.codec.TopicFilter;
import java.util.List;
import java.util.Optional;

/**
 * Where the router hands a message for one subscriber: the subscriber's session. Implementations
 * must return quickly and do the work on their own thread.
 */
public interface MessageSink {

  /** The client id the sink belongs to. */
  String clientId();

  /**
   * The user the sink's client last connected as, for authorization; empty for an anonymous client
   * or a session restored from the store that no client has connected to since.
   */
  default Optional<String> username() {
    return Optional.empty();
  }

  /**
   * Whether a client is connected to the sink right now; shared groups prefer such members. Read
   * from any thread, so it may be a moment out of date.
   */
  boolean isOnline();

  /**
   * Whether the sink's session outlives its connection and so must find its messages in the store
   * after a restart. Read on the publisher's thread.
   */
  default boolean isPersistent() {
    return false;
  }

  /**
   * Delivers a message that matched a subscription of this sink.
   *
   * @param message the routed message, shared with other sinks
   * @param qos the QoS to deliver at: min(publish QoS, granted QoS) over matching subscriptions
   * @param via the subscription whose buffer holds the message while it waits
   * @param retainFlag the retain flag to send: 0 for a message that matches an established
   *     subscription [MQTT-3.3.1-9], or as published when the subscription asked for Retain As
   *     Published [MQTT-3.3.1-12]
   * @param subscriptionIds the identifiers of every matching subscription that has one, for the
   *     PUBLISH [MQTT-3.3.4-3][MQTT-3.3.4-4]; usually empty (and then never allocated)
   */
  void deliver(
      Message message, QoS qos, TopicFilter via, boolean retainFlag, List<Integer> subscriptionIds);

  /**
   * Whether the sink's client has fallen so far behind that publishers should wait for it. Read on
   * the publishers' threads after each delivery, so it must be cheap.
   */
  default boolean isBehind() {
    return false;
  }

  /**
   * Holds a publisher back until this sink has caught up: called after a delivery while {@link
   * #isBehind()}, on the publisher's thread.
   */
  default void holdBack(PublisherFlow publisher) {}
}
