package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Is the will published when a client vanishes, and only then? */
class WillIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void willIsPublishedWhenTheSocketIsClosedWithoutDisconnect_MQTT_3_1_2_8() throws Exception {
    String willTopic = Names.topic("will-kill");
    try (PahoClient watcher = PahoClient.connect(BROKER, Names.clientId("will-watch"))) {
      watcher.subscribe(willTopic, 1);
      RawMqttClient client =
          RawMqttClient.connected(
              BROKER.port(),
              MqttBytes.connect(Names.clientId("will-kill")).will(willTopic, "gone", 1, false));
      client.kill();

      assertThat(watcher.awaitMessage()).isEqualTo(new Received(willTopic, "gone", 1, false));
    }
  }

  @Test
  void willIsPublishedWhenTheSocketIsClosedGracefullyWithoutDisconnect() throws Exception {
    String willTopic = Names.topic("will-fin");
    try (PahoClient watcher = PahoClient.connect(BROKER, Names.clientId("fin-watch"))) {
      watcher.subscribe(willTopic, 2);
      RawMqttClient client =
          RawMqttClient.connected(
              BROKER.port(),
              MqttBytes.connect(Names.clientId("will-fin")).will(willTopic, "closed", 2, false));
      client.close();

      assertThat(watcher.awaitMessage()).isEqualTo(new Received(willTopic, "closed", 2, false));
    }
  }

  @Test
  void willIsPublishedWhenKeepAliveExpires_MQTT_3_1_2_24() throws Exception {
    String willTopic = Names.topic("will-keepalive");
    try (PahoClient watcher = PahoClient.connect(BROKER, Names.clientId("ka-watch"));
        RawMqttClient client =
            RawMqttClient.connected(
                BROKER.port(),
                MqttBytes.connect(Names.clientId("will-ka"))
                    .keepAlive(1)
                    .will(willTopic, "timed out", 0, false))) {
      watcher.subscribe(willTopic, 1);

      client.awaitClosed(Duration.ofSeconds(3));
      assertThat(watcher.awaitMessage()).isEqualTo(new Received(willTopic, "timed out", 0, false));
    }
  }

  @Test
  void willIsPublishedWhenTheBrokerClosesTheConnectionForAProtocolError_MQTT_3_3_1_4()
      throws Exception {
    String willTopic = Names.topic("will-error");
    try (PahoClient watcher = PahoClient.connect(BROKER, Names.clientId("err-watch"));
        RawMqttClient client =
            RawMqttClient.connected(
                BROKER.port(),
                MqttBytes.connect(Names.clientId("will-err"))
                    .will(willTopic, "broken", 1, false))) {
      watcher.subscribe(willTopic, 1);

      client.sendHex("36 07 00 03 61 2F 62 00 01"); // PUBLISH with QoS 3
      client.awaitClosed();
      assertThat(watcher.awaitMessage()).isEqualTo(new Received(willTopic, "broken", 1, false));
    }
  }

  @Test
  void willIsNotPublishedAfterDisconnect_MQTT_3_1_2_10() throws Exception {
    String willTopic = Names.topic("will-disconnect");
    String otherTopic = Names.topic("will-disconnect-other");
    try (PahoClient watcher = PahoClient.connect(BROKER, Names.clientId("disc-watch"))) {
      watcher.subscribe(willTopic, 1);
      try (RawMqttClient client =
          RawMqttClient.connected(
              BROKER.port(),
              MqttBytes.connect(Names.clientId("will-disc")).will(willTopic, "never", 1, false))) {
        client.send(MqttBytes.disconnect());
        client.awaitClosed(); // [MQTT-3.14.4-1]: the broker closes after DISCONNECT
      }
      Quiet.holds(() -> watcher.received().isEmpty());

      // The watcher is still subscribed and hearing: the silence above means something.
      watcher.subscribe(otherTopic, 1);
      watcher.publish(otherTopic, "heard", 1);
      assertThat(watcher.awaitMessage().payload()).isEqualTo("heard");
    }
  }

  @Test
  void willWithRetainIsKeptForLaterSubscribers_MQTT_3_1_2_17() throws Exception {
    String willTopic = Names.topic("will-retain");
    RawMqttClient client =
        RawMqttClient.connected(
            BROKER.port(),
            MqttBytes.connect(Names.clientId("will-ret")).will(willTopic, "last words", 1, true));
    client.kill();

    try (PahoClient later = PahoClient.connect(BROKER, Names.clientId("ret-later"))) {
      // Subscribe until the will has been stored: the broker notices the dead socket on its own.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> {
                later.subscribe(willTopic, 1);
                return !later.received().isEmpty();
              });
      assertThat(later.received().get(0)).isEqualTo(new Received(willTopic, "last words", 1, true));
    }
  }

  @Test
  void willIsPublishedWhenTheClientIsTakenOver() throws Exception {
    // Not required by 3.1.1, but what Mosquitto and HiveMQ do: the old connection ended without
    // DISCONNECT.
    String willTopic = Names.topic("will-takeover");
    String id = Names.clientId("will-takeover");
    try (PahoClient watcher = PahoClient.connect(BROKER, Names.clientId("to-watch"))) {
      watcher.subscribe(willTopic, 1);
      try (RawMqttClient first =
              RawMqttClient.connected(
                  BROKER.port(), MqttBytes.connect(id).will(willTopic, "replaced", 1, false));
          RawMqttClient second = RawMqttClient.connected(BROKER.port(), MqttBytes.connect(id))) {
        first.awaitClosed();
        assertThat(watcher.awaitMessage().payload()).isEqualTo("replaced");
      }
    }
  }
}
