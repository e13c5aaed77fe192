package io.petrel.codec;

import static io.petrel.codec.ProtocolVersion.MQTT_3_1;
import static io.petrel.codec.ProtocolVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every packet type, encoded and decoded again, comes back equal in every version. */
class RoundTripTest {
  private static final Bytes PAYLOAD = Bytes.utf8("hello \u00e9\u4e16 \ud83d\ude00");

  record Case(String name, ProtocolVersion version, boolean toServer, MqttPacket packet) {
    @Override
    public String toString() {
      return version + " " + name;
    }
  }

  static Stream<Case> packets() {
    List<Case> cases = new ArrayList<>();
    for (ProtocolVersion v : ProtocolVersion.values()) {
      commonPackets(v, cases);
    }
    mqtt5Packets(cases);
    return cases.stream();
  }

  private static void commonPackets(ProtocolVersion v, List<Case> cases) {
    Will will =
        new Will("last/will", Bytes.utf8("gone"), QoS.AT_LEAST_ONCE, true, MqttProperties.EMPTY);
    cases.add(
        new Case(
            "CONNECT with everything",
            v,
            true,
            new Connect(
                v,
                "client-\u00fc",
                false,
                0xFFFF,
                Optional.of("user"),
                Optional.of(Bytes.wrap(new byte[] {0, 1, (byte) 0xFF})),
                Optional.of(will),
                MqttProperties.EMPTY)));
    cases.add(new Case("CONNECT minimal, empty client id", v, true, connect(v, "")));
    cases.add(
        new Case(
            "CONNACK accepted",
            v,
            false,
            new ConnAck(v != MQTT_3_1, ReasonCode.SUCCESS, MqttProperties.EMPTY)));
    for (ReasonCode code :
        List.of(
            ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
            ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
            ReasonCode.SERVER_UNAVAILABLE,
            ReasonCode.BAD_USER_NAME_OR_PASSWORD,
            ReasonCode.NOT_AUTHORIZED)) {
      cases.add(
          new Case("CONNACK " + code, v, false, new ConnAck(false, code, MqttProperties.EMPTY)));
    }
    for (boolean toServer : new boolean[] {true, false}) {
      String dir = toServer ? " to server" : " to client";
      cases.add(
          new Case(
              "PUBLISH QoS 0" + dir,
              v,
              toServer,
              publish("a/b", QoS.AT_MOST_ONCE, false, false, 0)));
      cases.add(
          new Case(
              "PUBLISH QoS 1 retain" + dir,
              v,
              toServer,
              publish("a/b", QoS.AT_LEAST_ONCE, true, false, 1)));
      cases.add(
          new Case(
              "PUBLISH QoS 2 dup" + dir,
              v,
              toServer,
              publish("$SYS/\u00e9", QoS.EXACTLY_ONCE, false, true, 0xFFFF)));
      cases.add(
          new Case(
              "PUBLISH empty payload" + dir,
              v,
              toServer,
              new Publish(
                  "t", Bytes.EMPTY, QoS.AT_LEAST_ONCE, true, false, 7, MqttProperties.EMPTY)));
      cases.add(new Case("PUBACK" + dir, v, toServer, new PubAck(1)));
      cases.add(new Case("PUBREC" + dir, v, toServer, new PubRec(2)));
      cases.add(new Case("PUBREL" + dir, v, toServer, new PubRel(3)));
      cases.add(new Case("PUBCOMP" + dir, v, toServer, new PubComp(0xFFFF)));
    }
    cases.add(
        new Case(
            "SUBSCRIBE",
            v,
            true,
            new Subscribe(
                10,
                List.of(
                    new Subscription("a/+", SubscriptionOptions.of(QoS.AT_MOST_ONCE)),
                    new Subscription("#", SubscriptionOptions.of(QoS.EXACTLY_ONCE))),
                MqttProperties.EMPTY)));
    cases.add(
        new Case(
            "SUBACK",
            v,
            false,
            new SubAck(
                10,
                List.of(
                    ReasonCode.GRANTED_QOS_0,
                    ReasonCode.GRANTED_QOS_1,
                    ReasonCode.GRANTED_QOS_2,
                    ReasonCode.UNSPECIFIED_ERROR),
                MqttProperties.EMPTY)));
    cases.add(
        new Case(
            "UNSUBSCRIBE",
            v,
            true,
            new Unsubscribe(11, List.of("a/+", "b"), MqttProperties.EMPTY)));
    List<ReasonCode> unsubCodes =
        v.isMqtt5() ? List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED) : List.of();
    cases.add(new Case("UNSUBACK", v, false, new UnsubAck(11, unsubCodes, MqttProperties.EMPTY)));
    cases.add(new Case("PINGREQ", v, true, PingReq.INSTANCE));
    cases.add(new Case("PINGRESP", v, false, PingResp.INSTANCE));
    cases.add(new Case("DISCONNECT", v, true, Disconnect.NORMAL));
  }

  private static void mqtt5Packets(List<Case> cases) {
    MqttProperties connectProps =
        MqttProperties.builder()
            .integer(PropertyId.SESSION_EXPIRY_INTERVAL, 0xFFFF_FFFFL)
            .integer(PropertyId.RECEIVE_MAXIMUM, 20)
            .integer(PropertyId.MAXIMUM_PACKET_SIZE, 1_000_000)
            .integer(PropertyId.TOPIC_ALIAS_MAXIMUM, 0)
            .integer(PropertyId.REQUEST_RESPONSE_INFORMATION, 1)
            .integer(PropertyId.REQUEST_PROBLEM_INFORMATION, 0)
            .string(PropertyId.AUTHENTICATION_METHOD, "SCRAM-SHA-1")
            .binary(PropertyId.AUTHENTICATION_DATA, Bytes.wrap(new byte[] {1, 2, 3}))
            .userProperty("k", "v1")
            .userProperty("k", "v2")
            .userProperty("", "")
            .build();
    MqttProperties willProps =
        MqttProperties.builder()
            .integer(PropertyId.WILL_DELAY_INTERVAL, 30)
            .integer(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1)
            .integer(PropertyId.MESSAGE_EXPIRY_INTERVAL, 3600)
            .string(PropertyId.CONTENT_TYPE, "text/plain")
            .string(PropertyId.RESPONSE_TOPIC, "reply/to")
            .binary(PropertyId.CORRELATION_DATA, Bytes.utf8("corr"))
            .userProperty("will", "prop")
            .build();
    Will will = new Will("w", Bytes.utf8("bye"), QoS.EXACTLY_ONCE, false, willProps);
    cases.add(
        new Case(
            "CONNECT with all properties, will properties and a password without user name",
            MQTT_5,
            true,
            new Connect(
                MQTT_5,
                "c",
                true,
                10,
                Optional.empty(),
                Optional.of(Bytes.utf8("token")),
                Optional.of(will),
                connectProps)));
    MqttProperties connAckProps =
        MqttProperties.builder()
            .integer(PropertyId.SESSION_EXPIRY_INTERVAL, 100)
            .string(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, "auto-1")
            .integer(PropertyId.SERVER_KEEP_ALIVE, 30)
            .string(PropertyId.AUTHENTICATION_METHOD, "m")
            .binary(PropertyId.AUTHENTICATION_DATA, Bytes.utf8("d"))
            .string(PropertyId.RESPONSE_INFORMATION, "resp")
            .string(PropertyId.SERVER_REFERENCE, "other:1883")
            .string(PropertyId.REASON_STRING, "why")
            .integer(PropertyId.RECEIVE_MAXIMUM, 0xFFFF)
            .integer(PropertyId.TOPIC_ALIAS_MAXIMUM, 10)
            .integer(PropertyId.MAXIMUM_QOS, 1)
            .integer(PropertyId.RETAIN_AVAILABLE, 0)
            .userProperty("a", "b")
            .integer(PropertyId.MAXIMUM_PACKET_SIZE, 0xFFFF_FFFFL)
            .integer(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, 1)
            .integer(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0)
            .integer(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, 1)
            .build();
    cases.add(
        new Case(
            "CONNACK with all properties",
            MQTT_5,
            false,
            new ConnAck(true, ReasonCode.SUCCESS, connAckProps)));
    cases.add(
        new Case(
            "CONNACK refused",
            MQTT_5,
            false,
            new ConnAck(false, ReasonCode.QUOTA_EXCEEDED, reason())));
    MqttProperties publishProps =
        MqttProperties.builder()
            .integer(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1)
            .integer(PropertyId.MESSAGE_EXPIRY_INTERVAL, 0xFFFF_FFFFL)
            .string(PropertyId.CONTENT_TYPE, "application/json")
            .string(PropertyId.RESPONSE_TOPIC, "r/1")
            .binary(PropertyId.CORRELATION_DATA, Bytes.wrap(new byte[] {0}))
            .integer(PropertyId.TOPIC_ALIAS, 0xFFFF)
            .userProperty("x", "y")
            .build();
    cases.add(
        new Case(
            "PUBLISH with all client properties",
            MQTT_5,
            true,
            new Publish("a", PAYLOAD, QoS.AT_LEAST_ONCE, false, false, 5, publishProps)));
    cases.add(
        new Case(
            "PUBLISH with subscription identifiers to a client",
            MQTT_5,
            false,
            new Publish(
                "a",
                PAYLOAD,
                QoS.AT_MOST_ONCE,
                false,
                false,
                0,
                publishProps.toBuilder()
                    .subscriptionIdentifiers(List.of(1, 127, 128, 268_435_455))
                    .build())));
    cases.add(
        new Case(
            "PUBLISH with an empty topic and a topic alias",
            MQTT_5,
            true,
            new Publish(
                "",
                PAYLOAD,
                QoS.AT_MOST_ONCE,
                false,
                false,
                0,
                MqttProperties.builder().integer(PropertyId.TOPIC_ALIAS, 1).build())));
    for (boolean toServer : new boolean[] {true, false}) {
      String dir = toServer ? " to server" : " to client";
      cases.add(
          new Case(
              "PUBACK with reason and properties" + dir,
              MQTT_5,
              toServer,
              new PubAck(1, ReasonCode.NO_MATCHING_SUBSCRIBERS, reason())));
      cases.add(
          new Case(
              "PUBACK with reason only" + dir,
              MQTT_5,
              toServer,
              new PubAck(1, ReasonCode.QUOTA_EXCEEDED, MqttProperties.EMPTY)));
      cases.add(
          new Case(
              "PUBACK success with properties" + dir,
              MQTT_5,
              toServer,
              new PubAck(1, ReasonCode.SUCCESS, reason())));
      cases.add(
          new Case(
              "PUBREC with reason" + dir,
              MQTT_5,
              toServer,
              new PubRec(2, ReasonCode.PAYLOAD_FORMAT_INVALID, reason())));
      cases.add(
          new Case(
              "PUBREL with reason" + dir,
              MQTT_5,
              toServer,
              new PubRel(3, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, reason())));
      cases.add(
          new Case(
              "PUBCOMP with reason" + dir,
              MQTT_5,
              toServer,
              new PubComp(4, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, MqttProperties.EMPTY)));
      cases.add(
          new Case(
              "AUTH continue" + dir,
              MQTT_5,
              toServer,
              new Auth(ReasonCode.CONTINUE_AUTHENTICATION, authProps())));
      cases.add(
          new Case(
              "AUTH success, short form" + dir,
              MQTT_5,
              toServer,
              new Auth(ReasonCode.SUCCESS, MqttProperties.EMPTY)));
      cases.add(
          new Case(
              "DISCONNECT with reason" + dir,
              MQTT_5,
              toServer,
              new Disconnect(ReasonCode.UNSPECIFIED_ERROR, MqttProperties.EMPTY)));
    }
    cases.add(
        new Case(
            "SUBSCRIBE with options and a subscription identifier",
            MQTT_5,
            true,
            new Subscribe(
                1,
                List.of(
                    new Subscription(
                        "a/#",
                        new SubscriptionOptions(
                            QoS.EXACTLY_ONCE, true, true, RetainHandling.DO_NOT_SEND)),
                    new Subscription(
                        "$share/g/a",
                        new SubscriptionOptions(
                            QoS.AT_LEAST_ONCE,
                            false,
                            true,
                            RetainHandling.SEND_IF_NEW_SUBSCRIPTION))),
                MqttProperties.builder()
                    .integer(PropertyId.SUBSCRIPTION_IDENTIFIER, 268_435_455)
                    .userProperty("s", "t")
                    .build())));
    cases.add(
        new Case(
            "SUBACK with every code",
            MQTT_5,
            false,
            new SubAck(
                1,
                List.of(
                    ReasonCode.GRANTED_QOS_0,
                    ReasonCode.GRANTED_QOS_2,
                    ReasonCode.NOT_AUTHORIZED,
                    ReasonCode.TOPIC_FILTER_INVALID,
                    ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
                    ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED),
                reason())));
    cases.add(
        new Case(
            "UNSUBSCRIBE with user property",
            MQTT_5,
            true,
            new Unsubscribe(
                2, List.of("x"), MqttProperties.builder().userProperty("u", "p").build())));
    cases.add(
        new Case(
            "UNSUBACK with reason string",
            MQTT_5,
            false,
            new UnsubAck(2, List.of(ReasonCode.NOT_AUTHORIZED), reason())));
    cases.add(
        new Case(
            "DISCONNECT from a client with session expiry",
            MQTT_5,
            true,
            new Disconnect(
                ReasonCode.DISCONNECT_WITH_WILL_MESSAGE,
                MqttProperties.builder()
                    .integer(PropertyId.SESSION_EXPIRY_INTERVAL, 0)
                    .string(PropertyId.REASON_STRING, "bye")
                    .build())));
    cases.add(
        new Case(
            "DISCONNECT from a server with server reference",
            MQTT_5,
            false,
            new Disconnect(
                ReasonCode.SERVER_MOVED,
                MqttProperties.builder()
                    .string(PropertyId.SERVER_REFERENCE, "elsewhere")
                    .build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void aPacketEncodedAndDecodedAgainIsEqual(Case c) {
    byte[] encoded = Wire.encode(c.packet(), c.version());

    Object decoded = Wire.decodeOne(c.version(), c.toServer(), encoded);

    assertThat(decoded).isEqualTo(c.packet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void encodedSizeIsTheExactNumberOfBytesWritten(Case c) {
    assertThat(Wire.encode(c.packet(), c.version()))
        .hasSize(MqttEncoder.encodedSize(c.packet(), c.version()));
  }

  private static Connect connect(ProtocolVersion v, String clientId) {
    return new Connect(
        v,
        clientId,
        true,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        MqttProperties.EMPTY);
  }

  private static Publish publish(String topic, QoS qos, boolean retain, boolean dup, int id) {
    return new Publish(topic, PAYLOAD, qos, retain, dup, id, MqttProperties.EMPTY);
  }

  private static MqttProperties reason() {
    return MqttProperties.builder()
        .string(PropertyId.REASON_STRING, "because")
        .userProperty("n", "v")
        .build();
  }

  private static MqttProperties authProps() {
    return MqttProperties.builder()
        .string(PropertyId.AUTHENTICATION_METHOD, "SCRAM-SHA-1")
        .binary(PropertyId.AUTHENTICATION_DATA, Bytes.utf8("client-first"))
        .string(PropertyId.REASON_STRING, "next")
        .userProperty("a", "b")
        .build();
  }
}
