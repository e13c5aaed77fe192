package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does the broker accept, refuse and answer CONNECTs as MQTT 3.1 and 3.1.1 require? */
class ConnectIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @RegisterExtension
  static final BrokerExtension NO_ANONYMOUS =
      BrokerExtension.withConfig(b -> b.allowAnonymous(false));

  @RegisterExtension
  static final BrokerExtension MAX_KEEPALIVE_10 =
      BrokerExtension.withConfig(b -> b.maxKeepalive(10));

  @Test
  void pahoConnectsWithA3_1_1ClientIdLongerThan23Characters() throws Exception {
    String id = Names.clientId("a-client-id-longer-than-twenty-three-characters");
    assertThat(id).hasSizeGreaterThan(23);
    try (PahoClient client = PahoClient.connect(BROKER, id)) {
      assertThat(client.isConnected()).isTrue();
    }
  }

  @Test
  void pahoConnectsWithA3_1ClientIdLongerThan23Characters() throws Exception {
    String id = Names.clientId("a-client-id-longer-than-twenty-three-characters-v31");
    try (PahoClient client =
        PahoClient.connect(
            BROKER, id, o -> o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1))) {
      assertThat(client.isConnected()).isTrue();
      String topic = Names.topic("v31");
      client.subscribe(topic, 1);
      client.publish(topic, "over 3.1", 1);
      assertThat(client.awaitMessage().payload()).isEqualTo("over 3.1");
    }
  }

  @Test
  void rawMqtt3_1ConnectIsAcceptedWithReturnCode0() {
    try (RawMqttClient client = RawMqttClient.open(BROKER.port())) {
      client.send(MqttBytes.connect(Names.clientId("raw31")).mqtt31().bytes());
      client.expect("20 02 00 00");
      client.ping();
    }
  }

  @Test
  void emptyClientIdWithCleanSessionIsAcceptedAndAssignedAnId_MQTT_3_1_3_6() {
    try (RawMqttClient client = RawMqttClient.open(BROKER.port())) {
      client.send(MqttBytes.connect("").cleanSession(true).bytes());
      client.expect("20 02 00 00");
      client.ping();
    }
  }

  @Test
  void emptyClientIdWithoutCleanSessionIsRefusedWithIdentifierRejectedAndClosed_MQTT_3_1_3_8() {
    try (RawMqttClient client = RawMqttClient.open(BROKER.port())) {
      client.send(MqttBytes.connect("").cleanSession(false).bytes());
      client.expect("20 02 00 02");
      client.awaitClosed();
    }
  }

  @Test
  void hiveMqClientWithoutIdentifierConnectsAndExchangesMessages() {
    try (HiveClient client = HiveClient.connectWithoutId(BROKER)) {
      assertThat(client.connAck().isSessionPresent()).isFalse();
      String topic = Names.topic("anonymous-id");
      client.subscribe(topic, 1);
      client.publish(topic, "hello", 1);
      assertThat(client.awaitMessage().payload()).isEqualTo("hello");
    }
  }

  @Test
  void pahoWithEmptyClientIdAndCleanSessionConnects() throws Exception {
    try (PahoClient client = PahoClient.connect(BROKER, "")) {
      assertThat(client.isConnected()).isTrue();
    }
  }

  @Test
  void unsupportedProtocolLevelIsRefusedWithReturnCode1AndClosed_MQTT_3_1_2_2() {
    try (RawMqttClient client = RawMqttClient.open(BROKER.port())) {
      client.send(MqttBytes.connect(Names.clientId("level6")).protocolLevel(6).bytes());
      client.expect("20 02 00 01");
      client.awaitClosed();
    }
  }

  @Test
  void sessionPresentIsFalseOnFirstPersistentConnectAndTrueOnReconnect_MQTT_3_2_2_2() {
    String id = Names.clientId("sp-raw");
    MqttBytes.Connect connect = MqttBytes.connect(id).cleanSession(false);
    try (RawMqttClient first = RawMqttClient.open(BROKER.port())) {
      first.send(connect.bytes());
      first.expect("20 02 00 00");
      first.send(MqttBytes.disconnect());
      first.awaitClosed();
    }
    try (RawMqttClient second = RawMqttClient.open(BROKER.port())) {
      second.send(connect.bytes());
      second.expect("20 02 01 00");
      second.send(MqttBytes.disconnect());
      second.awaitClosed();
    }
  }

  @Test
  void sessionPresentIsAlwaysFalseWithCleanSessionEvenIfASessionExisted_MQTT_3_2_2_1() {
    String id = Names.clientId("sp-clean");
    try (RawMqttClient persistent = RawMqttClient.open(BROKER.port())) {
      persistent.send(MqttBytes.connect(id).cleanSession(false).bytes());
      persistent.expect("20 02 00 00");
      persistent.send(MqttBytes.disconnect());
      persistent.awaitClosed();
    }
    for (int i = 0; i < 2; i++) {
      try (RawMqttClient clean = RawMqttClient.open(BROKER.port())) {
        clean.send(MqttBytes.connect(id).cleanSession(true).bytes());
        clean.expect("20 02 00 00");
        clean.send(MqttBytes.disconnect());
        clean.awaitClosed();
      }
    }
  }

  @Test
  void pahoSeesSessionPresentOnlyWhenItResumesAPersistentSession() throws Exception {
    String id = Names.clientId("sp-paho");
    try (PahoClient first = PahoClient.connectPersistent(BROKER, id)) {
      assertThat(first.sessionPresent()).isFalse();
    }
    try (PahoClient second = PahoClient.connectPersistent(BROKER, id)) {
      assertThat(second.sessionPresent()).isTrue();
    }
    try (PahoClient clean = PahoClient.connect(BROKER, id)) {
      assertThat(clean.sessionPresent()).isFalse();
    }
  }

  @Test
  void emptyClientIdIsRefusedInMqtt3_1WithIdentifierRejected() {
    try (RawMqttClient client = RawMqttClient.open(BROKER.port())) {
      client.send(MqttBytes.connect("").mqtt31().bytes());
      client.expect("20 02 00 02");
      client.awaitClosed();
    }
  }

  @Test
  void userNameAndPasswordAreAcceptedWhenAnonymousAccessIsAllowed() throws Exception {
    try (PahoClient client =
        PahoClient.connect(
            BROKER,
            Names.clientId("user"),
            o -> {
              o.setUserName("someone");
              o.setPassword("secret".toCharArray());
            })) {
      assertThat(client.isConnected()).isTrue();
    }
  }

  @Test
  void keepAliveWithinMaxKeepaliveIsAccepted() {
    try (RawMqttClient client =
        RawMqttClient.connected(
            MAX_KEEPALIVE_10.port(), MqttBytes.connect(Names.clientId("ka-ok")).keepAlive(10))) {
      client.ping();
    }
  }

  @Test
  void anonymousClientIsRefusedWithNotAuthorizedWhenAnonymousAccessIsOff() {
    try (RawMqttClient client = RawMqttClient.open(NO_ANONYMOUS.port())) {
      client.send(MqttBytes.connect(Names.clientId("anon")).bytes());
      client.expect("20 02 00 05");
      client.awaitClosed();
    }
  }

  @Test
  void keepAliveAboveMaxKeepaliveIsRefusedInMqtt3() {
    try (RawMqttClient client = RawMqttClient.open(MAX_KEEPALIVE_10.port())) {
      client.send(MqttBytes.connect(Names.clientId("ka")).keepAlive(60).bytes());
      client.expect("20 02 00 02"); // MQTT 3 cannot tell the client another keep-alive
      client.awaitClosed();
    }
  }

  @Test
  void connackIsTheFirstPacketTheBrokerSends_MQTT_3_2_0_1() {
    String topic = Names.topic("first");
    try (RawMqttClient client = RawMqttClient.open(BROKER.port())) {
      // Pipelined: SUBSCRIBE and PUBLISH right behind the CONNECT, before any CONNACK.
      client.send(MqttBytes.connect(Names.clientId("pipelined")).bytes());
      client.send(MqttBytes.subscribe(1, topic, 0));
      client.send(MqttBytes.publish(topic, "pipelined", 0, 0));
      client.expect("20 02 00 00");
      client.expect("90 03 00 01 00");
      assertThat(client.expectPublish().payload()).isEqualTo("pipelined");
    }
  }
}
