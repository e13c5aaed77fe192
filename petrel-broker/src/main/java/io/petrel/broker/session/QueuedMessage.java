package io.petrel.broker.session;

import io.petrel.broker.routing.Message;
import io.petrel.codec.QoS;
import io.petrel.codec.TopicFilter;
import java.util.List;

/**
 * A message waiting in a subscription buffer.
 *
 * @param sequence session-wide arrival order, so buffers drain in the order messages came
 * @param message the shared message
 * @param qos the QoS to deliver it at
 * @param retainFlag the retain flag to send: true only for retained messages sent because of a new
 *     subscription [MQTT-3.3.1-8]
 * @param via the subscription whose buffer holds it
 * @param subscriptionIds the identifiers the PUBLISH carries [MQTT-3.3.4-3]
 */
record QueuedMessage(
    long sequence,
    Message message,
    QoS qos,
    boolean retainFlag,
    TopicFilter via,
    List<Integer> subscriptionIds) {}
