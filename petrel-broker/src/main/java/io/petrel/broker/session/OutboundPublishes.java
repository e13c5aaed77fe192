package io.petrel.broker.session;

import io.petrel.broker.routing.Message;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import java.util.List;

/** The PUBLISH packets a session sends for a routed message, per the client's protocol version. */
final class OutboundPublishes {
  private OutboundPublishes() {}

  /**
   * The PUBLISH for one delivery; MQTT 3.1.1 has no properties, so they are stripped for it. An
   * MQTT 5 subscriber gets the identifiers of its matching subscriptions [MQTT-3.3.4-3], which only
   * then costs a copy of the properties.
   */
  static Publish of(
      Message m,
      ProtocolVersion version,
      QoS qos,
      boolean retainFlag,
      boolean dup,
      int packetId,
      List<Integer> subscriptionIds) {
    MqttProperties props = MqttProperties.EMPTY;
    if (version.isMqtt5()) {
      props =
          subscriptionIds.isEmpty()
              ? m.properties()
              : m.properties().toBuilder().subscriptionIdentifiers(subscriptionIds).build();
      if (m.expires()) {
        // What is left of the Message Expiry Interval [MQTT-3.3.2-6].
        props =
            props.toBuilder()
                .integer(PropertyId.MESSAGE_EXPIRY_INTERVAL, m.remainingExpirySeconds())
                .build();
      }
    }
    return new Publish(m.topic().value(), m.payload(), qos, retainFlag, dup, packetId, props);
  }

  /**
   * Whether a QoS 0 delivery can use the encoding shared by all subscribers: not when it carries
   * subscription identifiers, which differ per subscriber, or a Message Expiry Interval, which
   * counts down (MQTT 3.1.1 shows neither).
   */
  static boolean canShareQos0(Message m, ProtocolVersion version, List<Integer> subscriptionIds) {
    return !version.isMqtt5() || (subscriptionIds.isEmpty() && !m.expires());
  }

  /**
   * The encoded QoS 0 PUBLISH of a message that goes to several sessions. It has no packet id, so
   * every subscriber of one protocol family gets the same bytes: they are encoded once per message
   * and form and shared (JMH: ~30 ns per subscriber instead of ~300 ns for an encode each,
   * bench/RESULTS.md).
   */
  static byte[] sharedQos0(Message m, ProtocolVersion version, boolean retainFlag) {
    int form = (version.isMqtt5() ? 2 : 0) + (retainFlag ? 1 : 0);
    return m.encodedQos0Form(
        form,
        () ->
            MqttEncoder.encodeToArray(
                of(m, version, QoS.AT_MOST_ONCE, retainFlag, false, 0, List.of()), version));
  }
}
