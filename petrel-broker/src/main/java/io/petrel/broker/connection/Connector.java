package io.petrel.broker.connection;

import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.routing.Message;
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
   * @param will the will message, validated
   * @param keepAliveSeconds the keep-alive that applies
   * @param connAckProperties MQTT 5 CONNACK properties (empty for 3.1.1)
   */
  record Accepted(Optional<Message> will, int keepAliveSeconds, MqttProperties connAckProperties) {
    ConnAck connAck(boolean sessionPresent) {
      return new ConnAck(sessionPresent, ReasonCode.SUCCESS, connAckProperties);
    }
  }

  private Connector() {}

  /**
   * @throws IllegalArgumentException if the will topic breaks the topic rules
   */
  static Accepted accept(Connect connect, ConnectRules.Decision decision, BrokerConfig config) {
    Optional<Message> will = connect.will().map(w -> willMessage(w, decision.clientId(), config));
    int keepAlive = ConnectRules.effectiveKeepAlive(connect, config);
    MqttProperties props = MqttProperties.EMPTY;
    if (connect.version() == ProtocolVersion.MQTT_5) {
      MqttProperties.Builder b = MqttProperties.builder();
      if (decision.assigned()) {
        b.string(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, decision.clientId());
      }
      if (keepAlive != connect.keepAliveSeconds()) {
        b.integer(PropertyId.SERVER_KEEP_ALIVE, keepAlive);
      }
      // Tell the truth about what this broker does (MQTT 5.0 section 3.2.2.3).
      b.integer(PropertyId.MAXIMUM_PACKET_SIZE, config.maxPacketSize());
      if (!config.retainAvailable()) {
        b.integer(PropertyId.RETAIN_AVAILABLE, 0);
      }
      b.integer(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, 0);
      b.integer(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0);
      props = b.build();
    }
    return new Accepted(will, keepAlive, props);
  }

  private static Message willMessage(Will will, String clientId, BrokerConfig config) {
    TopicName topic = TopicName.of(will.topic(), config.wildcardSyntax());
    QoS qos = will.qos();
    return new Message(topic, will.payload(), qos, will.retain(), will.properties(), clientId);
  }
}
