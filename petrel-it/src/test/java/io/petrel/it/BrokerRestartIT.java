package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Does an embedded broker restarted on the same stores keep persistent sessions and retained
 * messages?
 */
class BrokerRestartIT {
  @RegisterExtension final BrokerExtension broker = BrokerExtension.withDefaults();

  @Test
  void aPersistentSessionKeepsItsSubscriptionsAcrossARestart() throws Exception {
    String id = Names.clientId("restart");
    String topic = Names.topic("restart");
    try (PahoClient subscriber = PahoClient.connectPersistent(broker, id)) {
      subscriber.subscribe(topic, 1);
    }
    broker.restart();
    try (PahoClient publisher = PahoClient.connect(broker, Names.clientId("restart-pub"))) {
      publisher.publish(topic, "after restart", 1);
    }
    try (PahoClient subscriber = PahoClient.connectPersistent(broker, id)) {
      assertThat(subscriber.sessionPresent()).isTrue(); // [MQTT-3.2.2-2]
      assertThat(subscriber.awaitMessage().payload()).isEqualTo("after restart");
    }
  }

  @Test
  void aPersistentSessionKeepsItsSubscriptionIdentifiersAcrossARestart() throws Exception {
    String id = Names.clientId("restart-sid");
    String topic = Names.topic("restart-sid");
    try (PahoV5Client subscriber = PahoV5Client.connectPersistent(broker, id)) {
      subscriber.subscribe(topic, 1, 31);
    }
    broker.restart();
    try (PahoV5Client subscriber = PahoV5Client.connectPersistent(broker, id)) {
      assertThat(subscriber.sessionPresent()).isTrue();
      subscriber.publish(topic, "after restart", 1, false);
      assertThat(subscriber.awaitMessage().subscriptionIds()).containsExactly(31);
    }
  }

  @Test
  void aCleanSessionIsNotKeptAcrossARestart() throws Exception {
    String id = Names.clientId("restart-clean");
    try (PahoClient client = PahoClient.connect(broker, id)) {
      client.subscribe(Names.topic("restart-clean"), 1);
    }
    broker.restart();
    try (PahoClient client = PahoClient.connectPersistent(broker, id)) {
      assertThat(client.sessionPresent()).isFalse();
    }
  }

  @Test
  void aSessionEndedWithCleanSessionIsForgottenAcrossARestart() throws Exception {
    String id = Names.clientId("restart-ended");
    try (PahoClient client = PahoClient.connectPersistent(broker, id)) {
      client.subscribe(Names.topic("restart-ended"), 1);
    }
    try (PahoClient client = PahoClient.connect(broker, id)) {
      assertThat(client.sessionPresent()).isFalse(); // clean session discards it [MQTT-3.1.2-6]
    }
    broker.restart();
    try (PahoClient client = PahoClient.connectPersistent(broker, id)) {
      assertThat(client.sessionPresent()).isFalse();
    }
  }

  @Test
  void retainedMessagesSurviveARestart() throws Exception {
    String topic = Names.topic("restart-retained");
    try (PahoClient publisher = PahoClient.connect(broker, Names.clientId("restart-ret-pub"))) {
      publisher.publish(topic, "kept", 1, true);
    }
    broker.restart();
    try (PahoClient subscriber = PahoClient.connect(broker, Names.clientId("restart-ret-sub"))) {
      subscriber.subscribe(topic, 1);
      Received r = subscriber.awaitMessage();
      assertThat(r.payload()).isEqualTo("kept");
      assertThat(r.retained()).isTrue();
    }
  }
}
