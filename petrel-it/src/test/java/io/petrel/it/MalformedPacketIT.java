package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Does a malformed or out-of-order packet close that connection, and only that one? */
class MalformedPacketIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          SUBSCRIBE with reserved flags 0000 [MQTT-3.8.1-1]         | 80 06 00 01 00 01 61 00
          UNSUBSCRIBE with reserved flags 0000 [MQTT-3.10.1-1]      | A0 05 00 01 00 01 61
          PUBREL with reserved flags 0000 [MQTT-3.6.1-1]            | 60 02 00 01
          PUBLISH with QoS 3 [MQTT-3.3.1-4]                         | 36 07 00 03 61 2F 62 00 01
          PUBLISH to a topic with + [MQTT-3.3.2-2]                  | 30 05 00 03 61 2F 2B
          PUBLISH to a topic with # [MQTT-3.3.2-2]                  | 30 05 00 03 61 2F 23
          PUBLISH to an empty topic [MQTT-4.7.3-1]                  | 30 02 00 00
          PUBLISH topic with invalid UTF-8 C3 28 [MQTT-1.5.3-1]     | 30 04 00 02 C3 28
          PUBLISH topic with an encoded surrogate [MQTT-1.5.3-1]    | 30 05 00 03 ED A0 80
          PUBLISH topic with U+0000 [MQTT-1.5.3-2]                  | 30 05 00 03 61 00 62
          PUBLISH topic longer than the packet                      | 30 03 00 05 61
          PUBLISH QoS 1 with packet id 0 [MQTT-2.3.1-1]             | 32 07 00 03 61 2F 62 00 00
          remaining length of five bytes                            | 30 FF FF FF FF 01
          SUBSCRIBE without any filter [MQTT-3.8.3-3]               | 82 02 00 01
          SUBSCRIBE with requested QoS 3 [MQTT-3.8.3-4]             | 82 06 00 01 00 01 61 03
          SUBSCRIBE with reserved bits in the QoS byte [MQTT-3.8.3-4]   | 82 06 00 01 00 01 61 04
          SUBSCRIBE with packet id 0 [MQTT-2.3.1-1]                 | 82 06 00 00 00 01 61 00
          SUBSCRIBE filter with invalid UTF-8 [MQTT-1.5.3-1]        | 82 06 00 01 00 01 FF 00
          UNSUBSCRIBE without any filter [MQTT-3.10.3-2]            | A2 02 00 01
          PINGREQ with a body                                       | C0 01 00
          DISCONNECT with reserved flags 0001 [MQTT-2.2.2-2]        | E1 00
          reserved packet type 0                                    | 00 00
          reserved packet type 15 in MQTT 3.1.1                     | F0 00
          CONNACK sent by a client                                  | 20 02 00 00
          second CONNECT [MQTT-3.1.0-2]                             | 10 0D 00 04 4D 51 54 54 04 02 00 3C 00 01 78
          """)
  void malformedPacketAfterConnectClosesOnlyThatConnection(String rule, String hex) {
    try (RawMqttClient bystander =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("bystander")));
        RawMqttClient offender =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("offender")))) {
      offender.sendHex(hex);
      offender.awaitClosed();

      assertBystanderStillWorks(bystander);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          first packet PINGREQ instead of CONNECT [MQTT-3.1.0-1]     | C0 00
          first packet PUBLISH instead of CONNECT [MQTT-3.1.0-1]     | 30 05 00 03 61 2F 62
          CONNECT with the reserved flag set [MQTT-3.1.2-3]          | 10 0D 00 04 4D 51 54 54 04 03 00 3C 00 01 78
          CONNECT with will QoS but no will flag [MQTT-3.1.2-13]     | 10 0D 00 04 4D 51 54 54 04 0A 00 3C 00 01 78
          CONNECT with will QoS 3 [MQTT-3.1.2-14]                    | 10 13 00 04 4D 51 54 54 04 1E 00 3C 00 01 78 00 01 77 00 01 6D
          CONNECT with password but no user name [MQTT-3.1.2-22]     | 10 10 00 04 4D 51 54 54 04 42 00 3C 00 01 78 00 01 70
          CONNECT client id with invalid UTF-8 [MQTT-1.5.3-1]        | 10 0E 00 04 4D 51 54 54 04 02 00 3C 00 02 C3 28
          CONNECT with a truncated payload                           | 10 0B 00 04 4D 51 54 54 04 02 00 3C 00
          """)
  void malformedOrMissingConnectClosesTheConnection(String rule, String hex) {
    try (RawMqttClient bystander =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("bystander")));
        RawMqttClient offender = RawMqttClient.open(BROKER.port())) {
      offender.sendHex(hex);
      offender.awaitClosed();

      assertBystanderStillWorks(bystander);
    }
  }

  @Test
  void secondConnectClosesTheConnectionAndDiscardsNothingElse_MQTT_3_1_0_2() {
    String id = Names.clientId("twice");
    try (RawMqttClient client = RawMqttClient.connected(BROKER.port(), MqttBytes.connect(id))) {
      client.send(MqttBytes.connect(id).bytes());
      client.awaitClosed();
    }
    // The id is free again.
    try (RawMqttClient client = RawMqttClient.connected(BROKER.port(), MqttBytes.connect(id))) {
      client.ping();
    }
  }

  @Test
  void packetSplitIntoSingleBytesIsReassembled() {
    try (RawMqttClient client = RawMqttClient.open(BROKER.port())) {
      for (byte b : MqttBytes.connect(Names.clientId("dribble")).bytes()) {
        client.send(new byte[] {b});
      }
      client.expect("20 02 00 00");
      client.ping();
    }
  }

  @Test
  void severalPacketsInOneWriteAreAllHandled() {
    String topic = Names.topic("batch");
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("batch")))) {
      byte[] subscribe = MqttBytes.subscribe(1, topic, 0);
      byte[] publish = MqttBytes.publish(topic, "batched", 0, 0);
      byte[] ping = MqttBytes.pingreq();
      byte[] all = new byte[subscribe.length + publish.length + ping.length];
      System.arraycopy(subscribe, 0, all, 0, subscribe.length);
      System.arraycopy(publish, 0, all, subscribe.length, publish.length);
      System.arraycopy(ping, 0, all, subscribe.length + publish.length, ping.length);
      client.send(all);

      client.expect("90 03 00 01 00");
      assertThat(client.expectPublish().payload()).isEqualTo("batched");
      client.expect("D0 00");
    }
  }

  private static void assertBystanderStillWorks(RawMqttClient bystander) {
    String topic = Names.topic("bystander");
    bystander.ping();
    bystander.send(MqttBytes.subscribe(1, topic, 0));
    bystander.expect("90 03 00 01 00");
    bystander.send(MqttBytes.publish(topic, "alive", 0, 0));
    assertThat(bystander.expectPublish().payload()).isEqualTo("alive");
  }
}
