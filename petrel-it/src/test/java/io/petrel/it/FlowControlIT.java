package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.PubAck;
import io.petrel.codec.Publish;
import io.petrel.codec.QoS;
import io.petrel.codec.Subscribe;
import io.petrel.codec.Subscription;
import io.petrel.codec.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flow control (MQTT 5.0 section 4.9): Receive Maximum both ways, and the client's Maximum Packet
 * Size.
 */
class FlowControlIT {
  @RegisterExtension
  static final BrokerExtension BROKER = BrokerExtension.withConfig(b -> b.receiveMaximum(2));

  private static Mqtt5BlockingClient hive(String id) {
    Mqtt5BlockingClient c = HiveV5Client.blocking(BROKER.port(), id);
    c.connect();
    return c;
  }

  private static byte[] publish(String topic, QoS qos, int packetId, byte[] payload) {
    return V5Bytes.encode(
        new Publish(topic, Bytes.wrap(payload), qos, false, false, packetId, MqttProperties.EMPTY));
  }

  private static void subscribe(RawMqttClient raw, String topic) {
    raw.send(
        V5Bytes.encode(
            new Subscribe(
                1,
                List.of(new Subscription(topic, SubscriptionOptions.of(QoS.AT_LEAST_ONCE))),
                MqttProperties.EMPTY)));
    assertThat(raw.read().type()).isEqualTo(MqttBytes.SUBACK);
  }

  @Test
  void connAckTellsOurReceiveMaximum() {
    Mqtt5BlockingClient c = HiveV5Client.blocking(BROKER.port(), Names.clientId("rm-connack"));
    Mqtt5ConnAck ack = c.connect();
    assertThat(ack.getRestrictions().getReceiveMaximum()).isEqualTo(2);
    c.disconnect();
  }

  @Test
  void aClientExceedingOurReceiveMaximumIsDisconnected_MQTT_3_3_4_9() {
    String topic = Names.topic("rm-in");
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("rm-in"), MqttProperties.EMPTY)) {
      byte[] payload = "x".getBytes(StandardCharsets.UTF_8);
      raw.send(publish(topic, QoS.EXACTLY_ONCE, 1, payload));
      raw.send(publish(topic, QoS.EXACTLY_ONCE, 2, payload));
      assertThat(raw.read().type()).isEqualTo(MqttBytes.PUBREC);
      assertThat(raw.read().type()).isEqualTo(MqttBytes.PUBREC);
      // A re-send of an id awaiting PUBREL is not one more message.
      raw.send(publish(topic, QoS.EXACTLY_ONCE, 2, payload));
      assertThat(raw.read().type()).isEqualTo(MqttBytes.PUBREC);
      raw.send(publish(topic, QoS.EXACTLY_ONCE, 3, payload)); // the third unacknowledged
      assertThat(V5Bytes.disconnectReason(raw.read())).isEqualTo(0x93);
      raw.awaitClosed();
    }
  }

  @Test
  void theServerSendsNoMoreThanTheClientsReceiveMaximum_MQTT_3_3_4_7() {
    String topic = Names.topic("rm-out");
    try (RawMqttClient raw =
        V5Bytes.connected(
            BROKER.port(),
            Names.clientId("rm-out"),
            MqttProperties.builder().integer(PropertyId.RECEIVE_MAXIMUM, 2).build())) {
      subscribe(raw, topic);
      Mqtt5BlockingClient pub = hive(Names.clientId("rm-out-pub"));
      for (int i = 0; i < 4; i++) {
        pub.publishWith()
            .topic(topic)
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(new byte[] {(byte) i})
            .send();
      }
      pub.disconnect();
      RawPacket first = raw.expectPublish();
      RawPacket second = raw.expectPublish();
      raw.expectNothing(Duration.ofMillis(500)); // two in flight: the window is full
      raw.send(V5Bytes.encode(new PubAck(first.packetId())));
      RawPacket third = raw.expectPublish();
      assertThat(V5Bytes.payload(third)).isEqualTo("\u0002");
      raw.send(V5Bytes.encode(new PubAck(second.packetId())));
      raw.send(V5Bytes.encode(new PubAck(third.packetId())));
      assertThat(V5Bytes.payload(raw.expectPublish())).isEqualTo("\u0003");
    }
  }

  @Test
  void aMessageTooLargeForOneClientIsDroppedForThatClientOnly_MQTT_3_1_2_25() throws Exception {
    String topic = Names.topic("maxsize");
    Mqtt5BlockingClient everything = hive(Names.clientId("maxsize-all"));
    try (Mqtt5BlockingClient.Mqtt5Publishes all =
            everything.publishes(MqttGlobalPublishFilter.ALL);
        RawMqttClient small =
            V5Bytes.connected(
                BROKER.port(),
                Names.clientId("maxsize-small"),
                MqttProperties.builder().integer(PropertyId.MAXIMUM_PACKET_SIZE, 200).build())) {
      everything.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      subscribe(small, topic);
      Mqtt5BlockingClient pub = hive(Names.clientId("maxsize-pub"));
      pub.publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload("small-1".getBytes())
          .send();
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[500]).send();
      pub.publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload("small-2".getBytes())
          .send();
      pub.disconnect();

      RawPacket a = small.expectPublish();
      assertThat(V5Bytes.payload(a)).isEqualTo("small-1");
      small.send(V5Bytes.encode(new PubAck(a.packetId())));
      RawPacket b = small.expectPublish();
      assertThat(V5Bytes.payload(b)).isEqualTo("small-2"); // the 500-byte one was skipped
      small.send(V5Bytes.encode(new PubAck(b.packetId())));
      small.expectNothing(Duration.ofMillis(300));

      for (int i = 0; i < 3; i++) {
        assertThat(all.receive(5, TimeUnit.SECONDS)).isPresent();
      }
    } finally {
      everything.disconnect();
    }
  }
}
