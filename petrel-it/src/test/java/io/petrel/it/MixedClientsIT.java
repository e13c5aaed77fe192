package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Do Paho and the HiveMQ client understand each other through the broker? */
class MixedClientsIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void pahoAndHiveMqExchangeMessagesBothWaysAtEveryQos() throws Exception {
    String toHive = Names.topic("to-hive");
    String toPaho = Names.topic("to-paho");
    try (PahoClient paho = PahoClient.connect(BROKER, Names.clientId("mixed-paho"));
        HiveClient hive = HiveClient.connect(BROKER, Names.clientId("mixed-hive"))) {
      paho.subscribe(toPaho, 2);
      hive.subscribe(toHive, 2);

      for (int qos = 0; qos <= 2; qos++) {
        paho.publish(toHive, "from paho q" + qos, qos);
        hive.publish(toPaho, "from hive q" + qos, qos);
      }

      hive.awaitMessages(3);
      paho.awaitMessages(3);
      assertThat(hive.received())
          .containsExactlyInAnyOrder(
              new Received(toHive, "from paho q0", 0, false),
              new Received(toHive, "from paho q1", 1, false),
              new Received(toHive, "from paho q2", 2, false));
      assertThat(paho.received())
          .containsExactlyInAnyOrder(
              new Received(toPaho, "from hive q0", 0, false),
              new Received(toPaho, "from hive q1", 1, false),
              new Received(toPaho, "from hive q2", 2, false));
    }
  }

  @Test
  void hiveMqReceivesARetainedMessageFromPahoWithTheRetainFlag() throws Exception {
    String topic = Names.topic("mixed-retain");
    try (PahoClient paho = PahoClient.connect(BROKER, Names.clientId("mixed-ret-paho"))) {
      paho.publish(topic, "from paho", 1, true);
    }
    try (HiveClient hive = HiveClient.connect(BROKER, Names.clientId("mixed-ret-hive"))) {
      hive.subscribe(topic, 1);
      assertThat(hive.awaitMessage()).isEqualTo(new Received(topic, "from paho", 1, true));
    }
  }

  @Test
  void oneMessageFansOutToPahoHiveMqAndARawSubscriber() throws Exception {
    String topic = Names.topic("fan-out");
    try (PahoClient paho = PahoClient.connect(BROKER, Names.clientId("fan-paho"));
        HiveClient hive = HiveClient.connect(BROKER, Names.clientId("fan-hive"));
        RawMqttClient raw =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("fan-raw")))) {
      paho.subscribe(topic, 1);
      hive.subscribe(topic, 1);
      raw.send(MqttBytes.subscribe(1, topic, 0));
      raw.expect("90 03 00 01 00");

      hive.publish(topic, "to all", 1);

      assertThat(paho.awaitMessage()).isEqualTo(new Received(topic, "to all", 1, false));
      assertThat(hive.awaitMessage()).isEqualTo(new Received(topic, "to all", 1, false));
      RawPacket publish = raw.expectPublish();
      assertThat(publish.qos()).isZero();
      assertThat(publish.payload()).isEqualTo("to all");
    }
  }
}
