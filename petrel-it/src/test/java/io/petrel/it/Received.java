package io.petrel.it;

/**
 * A message as a third-party client handed it to the application.
 *
 * @param topic the topic it was published to
 * @param payload the payload as UTF-8
 * @param qos the QoS it was delivered at
 * @param retained whether the retain flag was set on delivery
 */
public record Received(String topic, String payload, int qos, boolean retained) {}
