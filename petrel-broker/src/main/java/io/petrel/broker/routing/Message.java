package io.petrel.broker.routing;

import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.QoS;
import io.petrel.codec.TopicName;
import java.util.Objects;

/**
 * An application message as the broker routes it: immutable and shared by every subscriber it goes
 * to. The payload is never copied per subscriber.
 *
 * @param topic where it was published
 * @param payload the application payload
 * @param qos the QoS it was published with; deliveries use min(this, granted)
 * @param retain the retain flag as published
 * @param properties MQTT 5 properties to forward (empty for 3.1.1 publishers)
 * @param publisherId client id of the publisher, for no-local and logs
 */
public record Message(
    TopicName topic,
    Bytes payload,
    QoS qos,
    boolean retain,
    MqttProperties properties,
    String publisherId) {
  public Message {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(publisherId, "publisherId");
  }
}
