package io.petrel.codec;

import static io.petrel.codec.ProtocolVersion.MQTT_3_1;
import static io.petrel.codec.ProtocolVersion.MQTT_3_1_1;
import static io.petrel.codec.ProtocolVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Does the encoder write exactly the bytes the spec shows? Expected bytes are spelled out. */
class ExactEncodingTest {
  private static String hex(String spaced) {
    return spaced.replace(" ", "").toLowerCase();
  }

  @Test
  void mqtt311ConnectMatchesTheSpecExampleVariableHeaderWithFlagsCE() {
    // MQTT 3.1.1 section 3.1.2.10: name MQTT, level 4, flags 0xCE, keep alive 10.
    Connect connect =
        new Connect(
            MQTT_3_1_1,
            "petrel",
            true,
            10,
            Optional.of("user"),
            Optional.of(Bytes.utf8("pw")),
            Optional.of(
                new Will("w", Bytes.utf8("bye"), QoS.AT_LEAST_ONCE, false, MqttProperties.EMPTY)),
            MqttProperties.EMPTY);

    assertThat(Wire.encodeHex(connect, MQTT_3_1_1))
        .isEqualTo(
            hex(
                "10 24 0004 4D515454 04 CE 000A 0006 70657472656C"
                    + " 0001 77 0003 627965 0004 75736572 0002 7077"));
  }

  @Test
  void mqtt5ConnectMatchesTheSpecExampleWithSessionExpiryProperty() {
    // MQTT 5.0 section 3.1.2.11: flags 0xC2, keep alive 10, properties 05 11 0000000A.
    Connect connect =
        new Connect(
            MQTT_5,
            "c1",
            true,
            10,
            Optional.of("u"),
            Optional.of(Bytes.utf8("p")),
            Optional.empty(),
            MqttProperties.builder().integer(PropertyId.SESSION_EXPIRY_INTERVAL, 10).build());

    assertThat(Wire.encodeHex(connect, MQTT_5))
        .isEqualTo(hex("10 1A 0004 4D515454 05 C2 000A 05 11 0000000A 0002 6331 0001 75 0001 70"));
  }

  @Test
  void mqtt31ConnectUsesProtocolNameMQIsdpLevel3() {
    assertThat(Wire.encodeHex(Wire.connect(MQTT_3_1), MQTT_3_1))
        .isEqualTo(hex("10 0F 0006 4D5149736470 03 02 003C 0001 63"));
  }

  @Test
  void utf8StringMatchesTheSpecExampleOfASupplementaryCharacter() {
    // MQTT 5.0 section 1.5.4, figure 1-3: "A" followed by U+2A6D4 is 00 05 41 F0 AA 9B 94.
    Publish publish =
        new Publish(
            "A\ud869\uded4", Bytes.EMPTY, QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY);

    assertThat(Wire.encodeHex(publish, MQTT_3_1_1)).isEqualTo(hex("30 07 0005 41F0AA9B94"));
  }

  @Test
  void publishWritesFlagsTopicPacketIdAndPayload() {
    Publish publish =
        new Publish(
            "a/b", Bytes.utf8("hi"), QoS.AT_LEAST_ONCE, true, false, 10, MqttProperties.EMPTY);

    assertThat(Wire.encodeHex(publish, MQTT_3_1_1)).isEqualTo(hex("33 09 0003 612F62 000A 6869"));
    assertThat(Wire.encodeHex(publish.withPacketId(10), MQTT_5))
        .isEqualTo(hex("33 0A 0003 612F62 000A 00 6869"));
  }

  @Test
  void publishWithATopicAliasMayHaveAnEmptyTopicInMqtt5() {
    Publish publish =
        new Publish(
            "",
            Bytes.utf8("x"),
            QoS.AT_MOST_ONCE,
            false,
            false,
            0,
            MqttProperties.builder().integer(PropertyId.TOPIC_ALIAS, 5).build());

    assertThat(Wire.encodeHex(publish, MQTT_5)).isEqualTo(hex("30 07 0000 03 230005 78"));
  }

  @Test
  void propertiesAreWrittenInIdentifierOrderThenSubscriptionIdsThenUserPropertiesInOrder() {
    Publish publish =
        new Publish(
            "t",
            Bytes.EMPTY,
            QoS.AT_MOST_ONCE,
            false,
            false,
            0,
            MqttProperties.builder()
                .userProperty("b", "2")
                .userProperty("a", "1")
                .subscriptionIdentifiers(List.of(300))
                .integer(PropertyId.MESSAGE_EXPIRY_INTERVAL, 0xFFFF_FFFFL)
                .integer(PropertyId.PAYLOAD_FORMAT_INDICATOR, 1)
                .build());

    assertThat(Wire.encodeHex(publish, MQTT_5))
        .isEqualTo(
            hex("30 1C 0001 74 18 0101 02FFFFFFFF 0BAC02 26 0001 62 0001 32 26 0001 61 0001 31"));
  }

  @Test
  void mqtt3DropsPropertiesAsAViewOfTheMqtt5Model() {
    Publish publish =
        new Publish(
            "t",
            Bytes.EMPTY,
            QoS.AT_MOST_ONCE,
            false,
            false,
            0,
            MqttProperties.builder().userProperty("k", "v").build());

    assertThat(Wire.encodeHex(publish, MQTT_3_1_1)).isEqualTo(hex("30 03 0001 74"));
  }

  @Test
  void mqtt5AcksUseTheShortFormForSuccessWithoutProperties() {
    assertThat(Wire.encodeHex(new PubAck(7), MQTT_5)).isEqualTo(hex("40 02 0007"));
    assertThat(Wire.encodeHex(new PubRec(7), MQTT_5)).isEqualTo(hex("50 02 0007"));
    assertThat(Wire.encodeHex(new PubRel(7), MQTT_5)).isEqualTo(hex("62 02 0007"));
    assertThat(Wire.encodeHex(new PubComp(7), MQTT_5)).isEqualTo(hex("70 02 0007"));
    assertThat(
            Wire.encodeHex(
                new PubAck(7, ReasonCode.NO_MATCHING_SUBSCRIBERS, MqttProperties.EMPTY), MQTT_5))
        .isEqualTo(hex("40 04 0007 10 00"));
  }

  @Test
  void mqtt3AcksAreOnlyThePacketIdentifier() {
    assertThat(Wire.encodeHex(new PubRel(7), MQTT_3_1_1)).isEqualTo(hex("62 02 0007"));
    assertThat(
            Wire.encodeHex(
                new PubAck(7, ReasonCode.NOT_AUTHORIZED, MqttProperties.EMPTY), MQTT_3_1))
        .isEqualTo(hex("40 02 0007"));
  }

  @Test
  void connAckWritesMqtt3ReturnCodesAndMqtt5ReasonCodes() {
    ConnAck banned = new ConnAck(false, ReasonCode.BANNED, MqttProperties.EMPTY);
    ConnAck resumed = new ConnAck(true, ReasonCode.SUCCESS, MqttProperties.EMPTY);

    assertThat(Wire.encodeHex(banned, MQTT_3_1_1)).isEqualTo(hex("20 02 00 05"));
    assertThat(Wire.encodeHex(banned, MQTT_5)).isEqualTo(hex("20 03 00 8A 00"));
    assertThat(Wire.encodeHex(resumed, MQTT_3_1_1)).isEqualTo(hex("20 02 01 00"));
    // MQTT 3.1 has no session present flag: its first byte is reserved.
    assertThat(Wire.encodeHex(resumed, MQTT_3_1)).isEqualTo(hex("20 02 00 00"));
  }

  @Test
  void subscribeWritesFlags0010AndOptions() {
    Subscribe mqtt3 =
        new Subscribe(
            1,
            List.of(
                new Subscription("a/b", SubscriptionOptions.of(QoS.AT_LEAST_ONCE)),
                new Subscription("#", SubscriptionOptions.of(QoS.EXACTLY_ONCE))),
            MqttProperties.EMPTY);
    Subscribe mqtt5 =
        new Subscribe(
            1,
            List.of(
                new Subscription(
                    "a",
                    new SubscriptionOptions(
                        QoS.EXACTLY_ONCE, true, true, RetainHandling.DO_NOT_SEND))),
            MqttProperties.EMPTY);

    assertThat(Wire.encodeHex(mqtt3, MQTT_3_1_1))
        .isEqualTo(hex("82 0C 0001 0003 612F62 01 0001 23 02"));
    assertThat(Wire.encodeHex(mqtt5, MQTT_5)).isEqualTo(hex("82 07 0001 00 0001 61 2E"));
  }

  @Test
  void subAckWritesEveryFailureAs0x80InMqtt3() {
    SubAck subAck =
        new SubAck(
            1,
            List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.NOT_AUTHORIZED, ReasonCode.QUOTA_EXCEEDED),
            MqttProperties.EMPTY);

    assertThat(Wire.encodeHex(subAck, MQTT_3_1_1)).isEqualTo(hex("90 05 0001 01 80 80"));
    assertThat(Wire.encodeHex(subAck, MQTT_5)).isEqualTo(hex("90 06 0001 00 01 87 97"));
  }

  @Test
  void unsubscribeAndUnsubAckPerVersion() {
    UnsubAck unsubAck =
        new UnsubAck(
            1,
            List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED),
            MqttProperties.EMPTY);

    assertThat(Wire.encodeHex(new Unsubscribe(2, List.of("a"), MqttProperties.EMPTY), MQTT_3_1_1))
        .isEqualTo(hex("A2 05 0002 0001 61"));
    assertThat(Wire.encodeHex(unsubAck, MQTT_3_1_1)).isEqualTo(hex("B0 02 0001"));
    assertThat(Wire.encodeHex(unsubAck, MQTT_5)).isEqualTo(hex("B0 05 0001 00 00 11"));
  }

  @Test
  void pingsDisconnectAndAuthUseTheirShortestForms() {
    assertThat(Wire.encodeHex(PingReq.INSTANCE, MQTT_3_1_1)).isEqualTo(hex("C0 00"));
    assertThat(Wire.encodeHex(PingResp.INSTANCE, MQTT_5)).isEqualTo(hex("D0 00"));
    assertThat(Wire.encodeHex(Disconnect.NORMAL, MQTT_3_1_1)).isEqualTo(hex("E0 00"));
    assertThat(Wire.encodeHex(Disconnect.NORMAL, MQTT_5)).isEqualTo(hex("E0 00"));
    assertThat(
            Wire.encodeHex(
                new Disconnect(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE, MqttProperties.EMPTY),
                MQTT_5))
        .isEqualTo(hex("E0 02 04 00"));
    assertThat(Wire.encodeHex(new Auth(ReasonCode.SUCCESS, MqttProperties.EMPTY), MQTT_5))
        .isEqualTo(hex("F0 00"));
    assertThat(
            Wire.encodeHex(
                new Auth(
                    ReasonCode.CONTINUE_AUTHENTICATION,
                    MqttProperties.builder().string(PropertyId.AUTHENTICATION_METHOD, "m").build()),
                MQTT_5))
        .isEqualTo(hex("F0 06 18 04 15 0001 6D"));
  }

  @Test
  void remainingLengthUsesTwoBytesFrom128() {
    Publish publish =
        new Publish(
            "t",
            Bytes.wrap(new byte[125]),
            QoS.AT_MOST_ONCE,
            false,
            false,
            0,
            MqttProperties.EMPTY);

    assertThat(Wire.encodeHex(publish, MQTT_3_1_1)).startsWith(hex("30 8001 0001 74"));
    assertThat(MqttEncoder.encodedSize(publish, MQTT_3_1_1)).isEqualTo(131);
  }

  @Test
  void aSmallPublishIsWrittenIntoOneBuffer() {
    Publish publish =
        new Publish(
            "t", Bytes.utf8("small"), QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY);
    ByteBuf encoded = MqttEncoder.encode(publish, MQTT_3_1_1, Wire.ALLOC);
    try {
      assertThat(encoded).isNotInstanceOf(CompositeByteBuf.class);
      assertThat(io.netty.buffer.ByteBufUtil.hexDump(encoded))
          .isEqualTo(hex("30 08 0001 74 736d616c6c"));
    } finally {
      encoded.release();
    }
  }

  @Test
  void encodingToAnArrayGivesTheSameBytesAsEncodingToABuffer() {
    for (int size : new int[] {0, 5, MqttEncoder.ZERO_COPY_THRESHOLD + 10}) {
      Publish publish =
          new Publish(
              "a/b",
              Bytes.wrap(new byte[size]),
              QoS.AT_MOST_ONCE,
              true,
              false,
              0,
              MqttProperties.EMPTY);
      for (ProtocolVersion v : ProtocolVersion.values()) {
        assertThat(io.netty.buffer.ByteBufUtil.hexDump(MqttEncoder.encodeToArray(publish, v)))
            .isEqualTo(Wire.encodeHex(publish, v));
      }
    }
  }

  @Test
  void aLargePublishPayloadIsNotCopied() {
    Bytes payload = Bytes.wrap(new byte[MqttEncoder.ZERO_COPY_THRESHOLD]);
    Publish publish =
        new Publish("t", payload, QoS.AT_MOST_ONCE, false, false, 0, MqttProperties.EMPTY);

    ByteBuf encoded = MqttEncoder.encode(publish, MQTT_3_1_1, Wire.ALLOC);
    try {
      assertThat(encoded).isInstanceOf(CompositeByteBuf.class);
      CompositeByteBuf composite = (CompositeByteBuf) encoded;
      assertThat(composite.numComponents()).isEqualTo(2);
      ByteBuf payloadPart = composite.internalComponent(1);
      assertThat(payloadPart.hasArray()).isTrue();
      assertThat(payloadPart.array()).isSameAs(payload.unsafeArray());
    } finally {
      encoded.release();
    }
  }
}
