package io.petrel.broker.connection;

import io.petrel.codec.Connect;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;

/**
 * What an MQTT 5 client told the server it accepts, from its CONNECT properties; MQTT 3 clients get
 * the defaults, which set no limits beyond the protocol's.
 *
 * @param receiveMaximum how many QoS 1 and 2 PUBLISH packets the client will process at once
 *     [MQTT-3.3.4-7]
 * @param maximumPacketSize the largest packet the client accepts [MQTT-3.1.2-24]
 * @param topicAliasMaximum the highest topic alias the server may send; 0 for none [MQTT-3.1.2-26]
 * @param requestProblemInformation whether reason strings and user properties may be sent on
 *     packets other than PUBLISH, CONNACK and DISCONNECT [MQTT-3.1.2-29]
 * @param requestResponseInformation whether the client asked for Response Information in CONNACK
 */
record ClientLimits(
    int receiveMaximum,
    int maximumPacketSize,
    int topicAliasMaximum,
    boolean requestProblemInformation,
    boolean requestResponseInformation) {

  /** The largest packet MQTT can express. */
  static final int PROTOCOL_MAX_PACKET_SIZE = 268_435_455;

  static final ClientLimits MQTT3 =
      new ClientLimits(65535, PROTOCOL_MAX_PACKET_SIZE, 0, true, false);

  static ClientLimits of(Connect connect) {
    if (!connect.version().isMqtt5()) {
      return MQTT3;
    }
    MqttProperties p = connect.properties();
    return new ClientLimits(
        (int) p.integer(PropertyId.RECEIVE_MAXIMUM).orElse(65535),
        (int)
            Math.min(
                p.integer(PropertyId.MAXIMUM_PACKET_SIZE).orElse(PROTOCOL_MAX_PACKET_SIZE),
                PROTOCOL_MAX_PACKET_SIZE),
        (int) p.integer(PropertyId.TOPIC_ALIAS_MAXIMUM).orElse(0),
        p.integer(PropertyId.REQUEST_PROBLEM_INFORMATION).orElse(1) == 1,
        p.integer(PropertyId.REQUEST_RESPONSE_INFORMATION).orElse(0) == 1);
  }
}
