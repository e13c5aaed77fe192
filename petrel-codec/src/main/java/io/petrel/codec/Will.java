package io.petrel.codec;

import java.util.Objects;

/** The will message of a CONNECT: published by the server when the connection ends abnormally. */
public record Will(
    String topic, Bytes payload, QoS qos, boolean retain, MqttProperties properties) {
  public Will {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(properties, "properties");
  }
}
