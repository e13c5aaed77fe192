package io.petrel.client;

import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.QoS;
import java.util.Objects;

/**
 * A message received from the broker, everything a {@link MessageListener} may want to show.
 *
 * @param topic the topic it was published to
 * @param payload the payload, immutable
 * @param qos the QoS it was delivered at: the lower of the publisher's and the subscription's
 * @param retain whether it is a retained message sent because of a new subscription
 * @param properties its MQTT 5 properties; empty for MQTT 3.1.1
 */
public record Message(
    String topic, Bytes payload, QoS qos, boolean retain, MqttProperties properties) {
  /** Checks that no component is null. */
  public Message {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(properties, "properties");
  }
}
