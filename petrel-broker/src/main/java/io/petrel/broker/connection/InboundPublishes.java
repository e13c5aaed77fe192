package io.petrel.broker.connection;

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

/**
 * PUBLISH packets from a client, on the session's thread: topic aliases, the checks MQTT 5 asks
 * for, routing, and the QoS 1 and 2 acknowledgements.
 */
final class InboundPublishes {
  private final Session session;
  private final ClientConnection connection;
  private final BrokerContext broker;
  private final InboundTopicAliases aliases;
  private final boolean mqtt5;

  InboundPublishes(Session session, ClientConnection connection, BrokerContext broker) {
    this.session = session;
    this.connection = connection;
    this.broker = broker;
    this.aliases = new InboundTopicAliases(broker.config().maxTopicAlias());
    this.mqtt5 = connection.version().isMqtt5();
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
    Message message =
        new Message(topic, p.payload(), p.qos(), p.retain(), forwarded(p), connection.clientId());
    switch (p.qos()) {
      case AT_MOST_ONCE -> broker.router().publish(message);
      case AT_LEAST_ONCE -> {
        // The PUBACK goes after routing: the message has been handed to every subscriber
        // [MQTT-4.3.2-2].
        broker.router().publish(message);
        session.write(new PubAck(p.packetId()));
      }
      case EXACTLY_ONCE -> {
        // Route on first receipt only; a re-sent PUBLISH with the same id just gets its PUBREC
        // again, so the message is delivered once [MQTT-4.3.3-2].
        if (session.beginInboundQos2(p.packetId())) {
          broker.router().publish(message);
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
