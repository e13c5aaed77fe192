package io.petrel.codec;

import static io.petrel.codec.ProtocolVersion.MQTT_3_1;
import static io.petrel.codec.ProtocolVersion.MQTT_3_1_1;
import static io.petrel.codec.ProtocolVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Does the encoder refuse packets it cannot write correctly, before allocating anything? */
class EncoderRefusalTest {
  private static void refused(MqttPacket packet, ProtocolVersion version) {
    assertThatThrownBy(() -> MqttEncoder.encode(packet, version, Wire.ALLOC))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MqttEncoder.encodedSize(packet, version))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Publish publish(String topic, MqttProperties properties) {
    return new Publish(topic, Bytes.utf8("x"), QoS.AT_MOST_ONCE, false, false, 0, properties);
  }

  @Test
  void authDoesNotExistBeforeMqtt5() {
    refused(new Auth(ReasonCode.SUCCESS, MqttProperties.EMPTY), MQTT_3_1_1);
    refused(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, MqttProperties.EMPTY), MQTT_3_1);
  }

  @Test
  void anMqtt3DisconnectCannotCarryAReason() {
    refused(new Disconnect(ReasonCode.SESSION_TAKEN_OVER, MqttProperties.EMPTY), MQTT_3_1_1);
  }

  @Test
  void aConnectIsWrittenOnlyInItsOwnVersion() {
    refused(Wire.connect(MQTT_5), MQTT_3_1_1);
  }

  @Test
  void anMqtt3PasswordNeedsAUserName() {
    refused(
        new Connect(
            MQTT_3_1_1,
            "c",
            true,
            0,
            Optional.empty(),
            Optional.of(Bytes.utf8("pw")),
            Optional.empty(),
            MqttProperties.EMPTY),
        MQTT_3_1_1);
  }

  @Test
  void anEmptyTopicNeedsATopicAliasInMqtt5() {
    refused(publish("", MqttProperties.EMPTY), MQTT_5);
    refused(
        publish("", MqttProperties.builder().integer(PropertyId.TOPIC_ALIAS, 1).build()),
        MQTT_3_1_1);
  }

  @Test
  void stringsWithNullCharactersOrUnpairedSurrogatesAreRefused() {
    refused(publish("a\u0000b", MqttProperties.EMPTY), MQTT_3_1_1);
    refused(publish("a\ud800", MqttProperties.EMPTY), MQTT_5);
  }

  @Test
  void aPropertyIsWrittenOnlyInPacketsThatMayCarryIt() {
    refused(
        publish(
            "t", MqttProperties.builder().integer(PropertyId.SESSION_EXPIRY_INTERVAL, 1).build()),
        MQTT_5);
    refused(
        new Connect(
            MQTT_5,
            "c",
            true,
            0,
            Optional.empty(),
            Optional.empty(),
            Optional.of(
                new Will(
                    "w",
                    Bytes.EMPTY,
                    QoS.AT_MOST_ONCE,
                    false,
                    MqttProperties.builder().integer(PropertyId.RECEIVE_MAXIMUM, 1).build())),
            MqttProperties.EMPTY),
        MQTT_5);
  }

  @Test
  void aReasonCodeIsWrittenOnlyInPacketsThatMayCarryIt() {
    refused(new PubAck(1, ReasonCode.GRANTED_QOS_1, MqttProperties.EMPTY), MQTT_5);
    refused(new PubRel(1, ReasonCode.NOT_AUTHORIZED, MqttProperties.EMPTY), MQTT_5);
    refused(new ConnAck(false, ReasonCode.NO_MATCHING_SUBSCRIBERS, MqttProperties.EMPTY), MQTT_5);
    refused(
        new SubAck(1, List.of(ReasonCode.NO_SUBSCRIPTION_EXISTED), MqttProperties.EMPTY), MQTT_5);
  }

  @Test
  void subscribeUnsubscribeAndTheirAcksNeedAtLeastOneEntry() {
    refused(new Subscribe(1, List.of(), MqttProperties.EMPTY), MQTT_3_1_1);
    refused(new Unsubscribe(1, List.of(), MqttProperties.EMPTY), MQTT_5);
    refused(new SubAck(1, List.of(), MqttProperties.EMPTY), MQTT_3_1_1);
    refused(new UnsubAck(1, List.of(), MqttProperties.EMPTY), MQTT_5);
  }

  @Test
  void aSubscribeCarriesAtMostOneSubscriptionIdentifier() {
    refused(
        new Subscribe(
            1,
            List.of(new Subscription("a", SubscriptionOptions.of(QoS.AT_MOST_ONCE))),
            MqttProperties.builder().subscriptionIdentifiers(List.of(1, 2)).build()),
        MQTT_5);
  }

  @Test
  void sessionPresentCannotGoWithARefusal() {
    refused(new ConnAck(true, ReasonCode.NOT_AUTHORIZED, MqttProperties.EMPTY), MQTT_3_1_1);
  }

  @Test
  void dupCannotGoWithQoS0() {
    refused(
        new Publish("t", Bytes.EMPTY, QoS.AT_MOST_ONCE, false, true, 0, MqttProperties.EMPTY),
        MQTT_3_1_1);
  }
}
