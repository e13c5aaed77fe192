package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.petrel.codec.PacketType;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Does a QoS 2 message stay exactly-once when the client process dies mid-flow? A second client
 * with the same id and store directory stands in for the restarted process.
 */
class InflightStoreTest {
  private static TestBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static PetrelClient.Builder withStore(String id, Path dir, ProtocolVersion version) {
    return broker
        .client(id)
        .version(version)
        .cleanStart(false)
        .sessionExpiry(Duration.ofMinutes(5))
        .reconnect(ReconnectPolicy.disabled())
        .inflightStore(dir);
  }

  @ParameterizedTest(name = "MQTT {0}, process dies when {1} arrives")
  @CsvSource({
    "MQTT_3_1_1, PUBREC",
    "MQTT_3_1_1, PUBCOMP",
    "MQTT_5, PUBREC",
    "MQTT_5, PUBCOMP",
  })
  void aQos2MessageIsCompletedByTheNextProcessExactlyOnce(
      ProtocolVersion version, PacketType diesAt, @TempDir Path dir) throws Exception {
    String id = "store-" + version + diesAt;
    String topic = "store/" + version + "/" + diesAt;
    try (BlockingClient sub = broker.client(id + "-sub").version(version).buildBlocking()) {
      sub.connect();
      Inbox inbox = new Inbox();
      sub.subscribe(topic, QoS.EXACTLY_ONCE, inbox);

      try (AsyncClient first = withStore(id, dir, version).buildAsync()) {
        first.connect().get(5, TimeUnit.SECONDS);
        first.dropConnectionOnReceive(diesAt);
        var pending = first.publish(topic, "once".getBytes(UTF_8), QoS.EXACTLY_ONCE, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.isConnected());
        assertThat(pending).isNotDone();
      }
      assertThat(messageFiles(dir)).hasSize(1);
      assertThat(Files.exists(dir.resolve("1.rel"))).isEqualTo(diesAt == PacketType.PUBCOMP);

      try (AsyncClient second = withStore(id, dir, version).buildAsync()) {
        assertThat(second.inflightCount()).isEqualTo(1);
        ConnectResult result = second.connect().get(5, TimeUnit.SECONDS);
        assertThat(result.sessionPresent()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.inflightCount() == 0);
        second
            .publish(topic, "marker".getBytes(UTF_8), QoS.EXACTLY_ONCE, false)
            .get(5, TimeUnit.SECONDS);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.payloads().contains("marker"));
      assertThat(inbox.payloads()).containsExactly("once", "marker");
      assertThat(messageFiles(dir)).isEmpty();
    }
  }

  @Test
  void aQos1MessageIsResentByTheNextProcess(@TempDir Path dir) throws Exception {
    try (BlockingClient sub = broker.client("store-q1-sub").buildBlocking()) {
      sub.connect();
      Inbox inbox = new Inbox();
      sub.subscribe("store/q1", QoS.AT_LEAST_ONCE, inbox);
      try (AsyncClient first = withStore("store-q1", dir, ProtocolVersion.MQTT_5).buildAsync()) {
        first.connect().get(5, TimeUnit.SECONDS);
        first.dropConnectionOnReceive(PacketType.PUBACK);
        first.publish("store/q1", "at-least-once".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.isConnected());
      }
      try (AsyncClient second = withStore("store-q1", dir, ProtocolVersion.MQTT_5).buildAsync()) {
        second.connect().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.inflightCount() == 0);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.size() >= 1);
      assertThat(inbox.payloads()).allMatch("at-least-once"::equals);
      assertThat(messageFiles(dir)).isEmpty();
    }
  }

  @Test
  void twoClientsCannotShareAStore(@TempDir Path dir) {
    try (AsyncClient first = withStore("share-1", dir, ProtocolVersion.MQTT_5).buildAsync()) {
      assertThat(first.isConnected()).isFalse();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> withStore("share-2", dir, ProtocolVersion.MQTT_5).buildAsync())
          .hasMessageContaining("in use by another client");
    }
  }

  private static List<Path> messageFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".pub")).toList();
    }
  }
}
