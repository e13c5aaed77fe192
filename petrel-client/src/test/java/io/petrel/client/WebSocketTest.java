package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.ListenerProtocol;
import io.petrel.broker.config.TlsSettings;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MQTT over WebSocket and secure WebSocket against Petrel's own listeners: one that tells MQTT from
 * WebSocket on one port, one that speaks WebSocket only on its own path, and one with TLS.
 *
 * <p>The client asks for subprotocol {@code mqtt} [MQTT-6.0.0-3] and its handshake fails unless the
 * broker selects it, and Petrel closes a connection on a text frame: so every connect and round
 * trip that succeeds here also shows the subprotocol and binary frames. Mosquitto is tried too, and
 * skipped when it is absent or built without WebSocket support.
 */
class WebSocketTest {
  private static final String WEBSOCKET_ONLY_PATH = "/ws/mqtt";

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestBroker broker;
  private static int oneForBoth;
  private static int webSocketOnly;
  private static int tls;

  @BeforeAll
  static void startBroker() throws Exception {
    pki = TestPki.create();
    TestPki.ServerFiles server = pki.writeServerFiles(dir, "localhost");
    broker =
        TestBroker.start(
            ListenerConfig.loopback(0),
            ListenerConfig.loopback(0)
                .withProtocol(ListenerProtocol.WEBSOCKETS)
                .withWebsocketsPath(WEBSOCKET_ONLY_PATH),
            ListenerConfig.loopback(0).withTls(TlsSettings.of(server.certificate(), server.key())));
    oneForBoth = broker.port(0);
    webSocketOnly = broker.port(1);
    tls = broker.port(2);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static PetrelClient.Builder client(String host, int port) {
    return PetrelClient.builder()
        .host(host)
        .port(port)
        .reconnect(ReconnectPolicy.disabled())
        .connectTimeout(Duration.ofSeconds(5));
  }

  private static TlsOptions trustTestCa() {
    return TlsOptions.builder().caCertificatePem(pki.ca.certificatePem()).build();
  }

  private static void roundTrip(PetrelClient.Builder builder) throws Exception {
    try (BlockingClient c = builder.buildBlocking()) {
      c.connect();
      Inbox inbox = new Inbox();
      c.subscribe("ws/#", QoS.EXACTLY_ONCE, inbox);
      // Larger than one small frame, to cross frame and buffer boundaries.
      byte[] big = "x".repeat(100_000).getBytes(UTF_8);
      c.publish("ws/big", big, QoS.AT_LEAST_ONCE, false);
      c.publish("ws/t", "over websocket".getBytes(UTF_8), QoS.EXACTLY_ONCE, false);
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.size() == 2);
      assertThat(inbox.payloads()).containsExactly("x".repeat(100_000), "over websocket");
    }
  }

  /** A subscriber and a publisher on different transports of one listener. */
  private static void subscriberReceivesFrom(
      PetrelClient.Builder subscriber, PetrelClient.Builder publisher) throws Exception {
    try (BlockingClient sub = subscriber.clientId("sub").buildBlocking();
        BlockingClient pub = publisher.clientId("pub").buildBlocking()) {
      sub.connect();
      pub.connect();
      Inbox inbox = new Inbox();
      sub.subscribe("mixed/#", QoS.AT_LEAST_ONCE, inbox);
      pub.publish("mixed/t", "across transports".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.size() == 1);
      assertThat(inbox.payloads()).containsExactly("across transports");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ProtocolVersion.class,
      names = {"MQTT_3_1_1", "MQTT_5"})
  void sendsAndListensOverWebSocket(ProtocolVersion version) throws Exception {
    roundTrip(client("127.0.0.1", webSocketOnly).version(version).webSocket(WEBSOCKET_ONLY_PATH));
  }

  @Test
  void aWebSocketClientAndAPlainMqttClientShareOnePort() throws Exception {
    subscriberReceivesFrom(
        client("127.0.0.1", oneForBoth).webSocket("/mqtt"), client("127.0.0.1", oneForBoth));
  }

  @Test
  void aPathTheListenerDoesNotServeFailsTheConnect() {
    try (BlockingClient c =
        client("127.0.0.1", webSocketOnly).webSocket("/not-mqtt").buildBlocking()) {
      assertThatThrownBy(c::connect).isInstanceOf(MqttClientException.class);
      assertThat(c.isConnected()).isFalse();
    }
  }

  @Test
  void sendsAndListensOverSecureWebSocket() throws Exception {
    roundTrip(client("localhost", tls).webSocket("/mqtt").tls(trustTestCa()));
  }

  @Test
  void aSecureWebSocketClientAndAnMqttOverTlsClientShareOnePort() throws Exception {
    subscriberReceivesFrom(
        client("localhost", tls).webSocket("/mqtt").tls(trustTestCa()),
        client("localhost", tls).tls(trustTestCa()));
  }

  @Test
  void secureWebSocketChecksTheBrokerCertificate() throws Exception {
    TlsOptions untrusted =
        TlsOptions.builder().caCertificatePem(TestPki.create().ca.certificatePem()).build();
    try (BlockingClient c =
        client("localhost", tls).webSocket("/mqtt").tls(untrusted).buildBlocking()) {
      assertThatThrownBy(c::connect).isInstanceOf(MqttClientException.class);
      assertThat(c.isConnected()).isFalse();
    }
  }

  @Test
  void sendsAndListensOverWebSocketToMosquitto(@TempDir Path mosquittoDir) throws Exception {
    try (Mosquitto mosquitto = Mosquitto.start(mosquittoDir, "protocol websockets\n")) {
      Assumptions.assumeTrue(
          mosquitto.running(),
          "this Mosquitto has no WebSocket support (Debian 12's is built without libwebsockets): "
              + mosquitto.log().strip());
      roundTrip(client("127.0.0.1", mosquitto.port()).webSocket("/mqtt"));
    }
  }
}
