package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does a second client with the same client id take over the session and close the first? */
class TakeoverIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void secondPahoClientWithTheSameIdDisconnectsTheFirst_MQTT_3_1_4_2() throws Exception {
    String id = Names.clientId("takeover");
    String topic = Names.topic("takeover");
    try (PahoClient first = PahoClient.connect(BROKER, id);
        PahoClient second = PahoClient.connect(BROKER, id)) {
      first.awaitConnectionLost();
      assertThat(first.isConnected()).isFalse();

      second.subscribe(topic, 1);
      second.publish(topic, "still here", 1);
      assertThat(second.awaitMessage().payload()).isEqualTo("still here");
      assertThat(second.connectionLost()).isEmpty();
    }
  }

  @Test
  void takeoverClosesTheFirstRawConnection_MQTT_3_1_4_2() {
    String id = Names.clientId("takeover-raw");
    try (RawMqttClient first = RawMqttClient.connected(BROKER.port(), MqttBytes.connect(id));
        RawMqttClient second = RawMqttClient.connected(BROKER.port(), MqttBytes.connect(id))) {
      first.awaitClosed();
      second.ping();
    }
  }

  @Test
  void takeoverOfAPersistentSessionKeepsItsSubscriptions() throws Exception {
    String id = Names.clientId("takeover-session");
    String topic = Names.topic("takeover-session");
    try (PahoClient first = PahoClient.connectPersistent(BROKER, id)) {
      first.subscribe(topic, 1);
      try (PahoClient second = PahoClient.connectPersistent(BROKER, id);
          PahoClient publisher = PahoClient.connect(BROKER, Names.clientId("takeover-pub"))) {
        assertThat(second.sessionPresent()).isTrue();
        first.awaitConnectionLost();
        publisher.publish(topic, "to the new owner", 1);
        assertThat(second.awaitMessage().payload()).isEqualTo("to the new owner");
      }
    }
  }
}
