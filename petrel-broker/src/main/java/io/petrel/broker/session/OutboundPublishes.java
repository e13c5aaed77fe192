package io.petrel.broker.session;

import io.petrel.broker.routing.Message;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;

/** The PUBLISH packets a session sends for a routed message, per the client's protocol version. */
final class OutboundPublishes {
  private OutboundPublishes() {}

  /** The PUBLISH for one delivery; MQTT 3.1.1 has no properties, so they are stripped for it. */
  static Publish of(
      Message m, ProtocolVersion version, QoS qos, boolean retainFlag, boolean dup, int packetId) {
    MqttProperties props = version.isMqtt5() ? m.properties() : MqttProperties.EMPTY;
    return new Publish(m.topic().value(), m.payload(), qos, retainFlag, dup, packetId, props);
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
                of(m, version, QoS.AT_MOST_ONCE, retainFlag, false, 0), version));
  }
}
