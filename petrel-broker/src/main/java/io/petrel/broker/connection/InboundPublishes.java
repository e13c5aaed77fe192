package io.petrel.broker.connection;

import io.petrel.broker.auth.TopicAuthorizer;
import io.petrel.broker.routing.Message;
import io.petrel.broker.session.Session;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.PubAck;
import io.petrel.codec.PubRec;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import io.petrel.codec.TopicName;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBLISH packets from a client, on the session's thread: topic aliases, the checks MQTT 5 asks
 * for, routing, and the QoS 1 and 2 acknowledgements.
 */
final class InboundPublishes {
  private static final Logger LOG = LoggerFactory.getLogger(InboundPublishes.class);
  private final Session session;
  private final ClientConnection connection;
  private final BrokerContext broker;
  private final InboundTopicAliases aliases;
  private final boolean mqtt5;
  // Null unless acl_file or client_classes is set: the publish path's one check then.
  private final TopicAuthorizer authorizer;

  InboundPublishes(Session session, ClientConnection connection, BrokerContext broker) {
    this.session = session;
    this.connection = connection;
    this.broker = broker;
    this.aliases = new InboundTopicAliases(broker.config().maxTopicAlias());
    this.mqtt5 = connection.version().isMqtt5();
    this.authorizer = broker.authorizer().orElse(null);
  }

  void onPublish(Publish p) {
    broker.counters().publishReceived();
    TopicName topic;
    try {
      topic = TopicName.of(aliases.resolve(p), broker.config().wildcardSyntax());
    } catch (InboundTopicAliases.Refused e) {
      connection.disconnect(
          e.aliasInvalid() ? ReasonCode.TOPIC_ALIAS_INVALID : ReasonCode.PROTOCOL_ERROR,
          e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      connection.disconnect(ReasonCode.TOPIC_NAME_INVALID, e.getMessage());
      return;
    }
    if (p.retain() && !broker.config().retainAvailable()) {
      // [MQTT-3.3.1-14]: retain was declared unavailable in CONNACK.
      connection.disconnect(ReasonCode.RETAIN_NOT_SUPPORTED, "retain is not available");
      return;
    }
    if (mqtt5
        && p.qos() == QoS.EXACTLY_ONCE
        && session.exceedsInboundQos2(p.packetId(), broker.config().receiveMaximum())) {
      connection.disconnect(
          ReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
          "more than " + broker.config().receiveMaximum() + " QoS 2 messages unacknowledged");
      return;
    }
    if (mqtt5 && !payloadMatchesFormat(p)) {
      refuse(p, ReasonCode.PAYLOAD_FORMAT_INVALID, "payload format 1 but not valid UTF-8");
      return;
    }
    if (authorizer != null
        && !authorizer.mayPublish(connection.clientId(), connection.username(), topic.value())) {
      notAuthorized(p, topic);
      return;
    }
    Message message =
        new Message(topic, p.payload(), p.qos(), p.retain(), forwarded(p), connection.clientId());
    switch (p.qos()) {
      case AT_MOST_ONCE -> broker.router().publish(message, connection);
      case AT_LEAST_ONCE -> {
        // The PUBACK goes after routing: the message has been handed to every subscriber
        // [MQTT-4.3.2-2].
        broker.router().publish(message, connection);
        session.write(new PubAck(p.packetId()));
      }
      case EXACTLY_ONCE -> {
        // Route on first receipt only; a re-sent PUBLISH with the same id just gets its PUBREC
        // again, so the message is delivered once [MQTT-4.3.3-2].
        if (session.beginInboundQos2(p.packetId())) {
          broker.router().publish(message, connection);
        }
        session.write(new PubRec(p.packetId()));
      }
    }
  }

  /**
   * Refuses one message without ending the connection where MQTT 5 allows it: a failure PUBACK or
   * PUBREC (which ends that QoS 2 flow, MQTT 5.0 section 4.3.3), or DISCONNECT for QoS 0, which has
   * no acknowledgement.
   */
  private void refuse(Publish p, ReasonCode reason, String why) {
    MqttProperties props = ProblemInformation.reasonString(connection, List.of(why));
    switch (p.qos()) {
      case AT_MOST_ONCE -> connection.disconnect(reason, why);
      case AT_LEAST_ONCE -> session.write(new PubAck(p.packetId(), reason, props));
      case EXACTLY_ONCE -> session.write(new PubRec(p.packetId(), reason, props));
    }
  }

  /**
   * A publish the ACL or the client's class does not allow: dropped, as Mosquitto drops it. MQTT 5
   * says so with 0x87 in the PUBACK or PUBREC (QoS 0 has nothing to say it with); MQTT 3.1.1 has no
   * failure acknowledgement, so the client gets the usual one [MQTT-3.3.5-2].
   */
  private void notAuthorized(Publish p, TopicName topic) {
    LOG.debug("Denied {} publishing to {}", connection.clientId(), topic.value());
    broker.counters().messageDropped();
    ReasonCode reason = ReasonCode.NOT_AUTHORIZED;
    MqttProperties props =
        mqtt5
            ? ProblemInformation.reasonString(
                connection, List.of("not authorized to publish to \"" + topic.value() + "\""))
            : MqttProperties.EMPTY;
    switch (p.qos()) {
      case AT_MOST_ONCE -> {}
      case AT_LEAST_ONCE ->
          session.write(mqtt5 ? new PubAck(p.packetId(), reason, props) : new PubAck(p.packetId()));
      case EXACTLY_ONCE ->
          session.write(mqtt5 ? new PubRec(p.packetId(), reason, props) : new PubRec(p.packetId()));
    }
  }

  /**
   * With Payload Format Indicator 1 the payload must be UTF-8 (MQTT 5.0 section 3.3.2.3.2, which
   * lets the receiver check and refuse it with 0x99).
   */
  private static boolean payloadMatchesFormat(Publish p) {
    if (p.properties().integer(PropertyId.PAYLOAD_FORMAT_INDICATOR).orElse(0) != 1) {
      return true;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(p.payload().asReadOnlyBuffer());
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * MQTT 5 properties forwarded to subscribers; a 3.1.1 publisher has none. A topic alias belongs
   * to the publisher's connection only, so it is not forwarded [MQTT-3.3.2-12].
   */
  private static MqttProperties forwarded(Publish p) {
    MqttProperties props = p.properties();
    if (props.isEmpty()) {
      return MqttProperties.EMPTY;
    }
    return props.contains(PropertyId.TOPIC_ALIAS)
        ? props.toBuilder().remove(PropertyId.TOPIC_ALIAS).build()
        : props;
  }
}
