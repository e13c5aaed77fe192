package io.petrel.broker.connection;

import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.routing.Message;
import io.petrel.broker.session.SessionTerms;
import io.petrel.codec.ConnAck;
import io.petrel.codec.Connect;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import io.petrel.codec.TopicName;
import io.petrel.codec.Will;
import java.util.Optional;

/** Turns an accepted CONNECT into what the session needs: the will, the keep-alive, the CONNACK. */
final class Connector {

  /**
   * An accepted CONNECT.
   *
   * @param terms clean start, session expiry and the validated will with its delay
   * @param keepAliveSeconds the keep-alive that applies
   * @param limits what the client accepts from the server (MQTT 5 CONNECT properties)
   * @param connAckProperties MQTT 5 CONNACK properties (empty for 3.1.1)
   */
  record Accepted(
      SessionTerms terms,
      int keepAliveSeconds,
      ClientLimits limits,
      MqttProperties connAckProperties) {
    ConnAck connAck(boolean sessionPresent) {
      return new ConnAck(sessionPresent, ReasonCode.SUCCESS, connAckProperties);
    }
  }

  private Connector() {}

  /**
   * @throws IllegalArgumentException if the will topic breaks the topic rules
   */
  static Accepted accept(
      Connect connect,
      ConnectRules.Decision decision,
      BrokerConfig config,
      MqttProperties authProperties) {
    Optional<Message> will = connect.will().map(w -> willMessage(w, decision.clientId(), config));
    long willDelay =
        connect
            .will()
            .map(w -> w.properties().integer(PropertyId.WILL_DELAY_INTERVAL).orElse(0))
            .orElse(0L);
    SessionTerms terms =
        new SessionTerms(connect.cleanStart(), sessionExpiry(connect, config), will, willDelay);
    int keepAlive = ConnectRules.effectiveKeepAlive(connect, config);
    ClientLimits limits = ClientLimits.of(connect);
    MqttProperties props = MqttProperties.EMPTY;
    if (connect.version() == ProtocolVersion.MQTT_5) {
      MqttProperties.Builder b = authProperties.toBuilder(); // method and data [MQTT-4.12.0-2]
      if (decision.assigned()) {
        b.string(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, decision.clientId());
      }
      if (keepAlive != connect.keepAliveSeconds()) {
        b.integer(PropertyId.SERVER_KEEP_ALIVE, keepAlive);
      }
      // Tell the truth about what this broker does (MQTT 5.0 section 3.2.2.3).
      b.integer(PropertyId.MAXIMUM_PACKET_SIZE, config.maxPacketSize());
      if (config.receiveMaximum() < 65535) {
        b.integer(PropertyId.RECEIVE_MAXIMUM, config.receiveMaximum()); // [MQTT-3.3.4-9]
      }
      if (config.maxTopicAlias() > 0) {
        b.integer(PropertyId.TOPIC_ALIAS_MAXIMUM, config.maxTopicAlias()); // [MQTT-3.2.2-17]
      }
      if (limits.requestResponseInformation()) {
        // The topic prefix this client may use for responses (MQTT 5.0 section 4.10).
        b.string(PropertyId.RESPONSE_INFORMATION, responseInformation(decision.clientId()));
      }
      if (!config.retainAvailable()) {
        b.integer(PropertyId.RETAIN_AVAILABLE, 0);
      }
      props = b.build();
    }
    return new Accepted(terms, keepAlive, limits, props);
  }

  /**
   * MQTT 5: the client's Session Expiry Interval, 0 if absent (MQTT 5.0 section 3.1.2.11.2). MQTT
   * 3: clean session 1 ends the session with the connection; clean session 0 keeps it for {@code
   * persistent_client_expiration}, by default for ever.
   */
  static long sessionExpiry(Connect connect, BrokerConfig config) {
    if (connect.version() == ProtocolVersion.MQTT_5) {
      return connect.properties().integer(PropertyId.SESSION_EXPIRY_INTERVAL).orElse(0);
    }
    return connect.cleanStart() ? 0 : config.persistentClientExpiration();
  }

  /** The Response Information for a client: a topic prefix of its own. */
  static String responseInformation(String clientId) {
    return "response/" + clientId;
  }

  private static Message willMessage(Will will, String clientId, BrokerConfig config) {
    TopicName topic = TopicName.of(will.topic(), config.wildcardSyntax());
    QoS qos = will.qos();
    // The delay tells the broker when to publish; it is not a PUBLISH property.
    MqttProperties props = will.properties();
    if (props.contains(PropertyId.WILL_DELAY_INTERVAL)) {
      props = props.toBuilder().remove(PropertyId.WILL_DELAY_INTERVAL).build();
    }
    return new Message(topic, will.payload(), qos, will.retain(), props, clientId);
  }
}
