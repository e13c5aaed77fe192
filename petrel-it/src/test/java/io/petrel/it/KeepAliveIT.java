package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does the broker drop a client that stays silent past one and a half keep-alive periods? */
class KeepAliveIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  @Test
  void silentClientWithKeepAlive1sIsDisconnectedAfterAbout1_5s_MQTT_3_1_2_24() {
    try (RawMqttClient client =
        RawMqttClient.connected(
            BROKER.port(), MqttBytes.connect(Names.clientId("silent")).keepAlive(1))) {
      Duration closedAfter = client.awaitClosed(Duration.ofSeconds(3));
      assertThat(closedAfter).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void pingreqIsAnsweredWithPingresp_MQTT_3_12_4_1() {
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("ping")))) {
      client.sendHex("C0 00");
      client.expect("D0 00");
    }
  }

  @Test
  void clientThatPingsWithinItsKeepAliveStaysConnected() {
    try (RawMqttClient client =
        RawMqttClient.connected(
            BROKER.port(), MqttBytes.connect(Names.clientId("pinger")).keepAlive(1))) {
      // Four pings 600 ms apart span 2.4 s, well past the 1.5 s the broker allows a silent client.
      for (int i = 0; i < 4; i++) {
        client.expectNothing(Duration.ofMillis(600));
        client.ping();
      }
    }
  }
}
