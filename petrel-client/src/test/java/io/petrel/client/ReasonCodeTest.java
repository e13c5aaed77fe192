package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.store.Stores;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Are the broker's failure reason codes surfaced in the exceptions? */
class ReasonCodeTest {
  @ParameterizedTest(name = "MQTT {0}, user {1}")
  @CsvSource({
    "MQTT_5, '', NOT_AUTHORIZED",
    "MQTT_3_1_1, '', NOT_AUTHORIZED",
    "MQTT_5, alice, BAD_USER_NAME_OR_PASSWORD",
    "MQTT_3_1_1, alice, BAD_USER_NAME_OR_PASSWORD",
  })
  void aRefusedConnectFailsWithTheBrokersReasonAndIsNotRetried(
      ProtocolVersion version, String user, ReasonCode expected) {
    BrokerConfig config =
        BrokerConfig.builder()
            .listeners(List.of(ListenerConfig.loopback(0)))
            .allowAnonymous(false)
            .build();
    try (Broker broker = Broker.start(config, Stores.inMemory())) {
      PetrelClient.Builder builder =
          PetrelClient.builder().host("127.0.0.1").port(broker.port()).version(version);
      if (!user.isEmpty()) {
        builder.username(user).password("pw".toCharArray());
      }
      try (BlockingClient client = builder.buildBlocking()) {
        assertThatThrownBy(client::connect)
            .isInstanceOfSatisfying(
                MqttClientException.class, e -> assertThat(e.reasonCode()).contains(expected))
            .hasMessageContaining("refused the connection");
        assertThat(client.isConnected()).isFalse();
      }
    }
  }

  @Test
  void mqtt5PublishFailuresCarryTheReasonCodeAndKeepTheConnection(@TempDir Path dir)
      throws Exception {
    try (Mosquitto mosquitto = aclMosquitto(dir);
        BlockingClient client =
            PetrelClient.builder()
                .host("127.0.0.1")
                .port(mosquitto.port())
                .connectTimeout(Duration.ofSeconds(5))
                .buildBlocking()) {
      client.connect();
      assertThat(client.publish("open/t", new byte[0], QoS.AT_LEAST_ONCE, false).reasonCode())
          .isIn(ReasonCode.SUCCESS, ReasonCode.NO_MATCHING_SUBSCRIBERS);

      for (QoS qos : List.of(QoS.AT_LEAST_ONCE, QoS.EXACTLY_ONCE)) {
        assertThatThrownBy(() -> client.publish("closed/t", "x".getBytes(UTF_8), qos, false))
            .isInstanceOfSatisfying(
                MqttClientException.class,
                e -> assertThat(e.reasonCode()).contains(ReasonCode.NOT_AUTHORIZED))
            .hasMessageContaining("closed/t");
      }
      assertThat(client.isConnected()).isTrue();
    }
  }

  @Test
  void aSessionTakenOverIsReportedWithItsReasonAndNotFoughtBack() throws Exception {
    List<Throwable> causes = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Boolean> willReconnect = new java.util.concurrent.CopyOnWriteArrayList<>();
    ConnectionListener listener =
        new ConnectionListener() {
          @Override
          public void disconnected(Throwable cause, boolean reconnect) {
            causes.add(cause);
            willReconnect.add(reconnect);
          }
        };
    try (TestBroker broker = TestBroker.start();
        BlockingClient first = broker.client("taken").connectionListener(listener).buildBlocking();
        BlockingClient second = broker.client("taken").buildBlocking()) {
      first.connect();
      second.connect();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> causes.size() == 1);
      assertThat(causes.get(0))
          .isInstanceOfSatisfying(
              MqttClientException.class,
              e -> assertThat(e.reasonCode()).contains(ReasonCode.SESSION_TAKEN_OVER));
      assertThat(willReconnect).containsExactly(false);
      assertThat(second.isConnected()).isTrue();
    }
  }

  private static Mosquitto aclMosquitto(Path dir) throws Exception {
    Path acl = dir.resolve("acl");
    Files.writeString(acl, "topic readwrite open/#\n");
    Mosquitto m = Mosquitto.start(dir, "acl_file " + acl + "\n");
    Assumptions.assumeTrue(m.running(), "Mosquitto would not start: " + m.log());
    return m;
  }
}
