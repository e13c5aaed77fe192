package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
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
 * MQTT over WebSocket and secure WebSocket: subprotocol {@code mqtt}, binary frames. Petrel has no
 * WebSocket listener yet, so a test relay puts one in front of it; Mosquitto is tried directly and
 * skipped when it is absent or built without WebSocket support.
 */
class WebSocketTest {
  private static TestBroker broker;
  private static TestPki pki;

  @BeforeAll
  static void start() throws Exception {
    broker = TestBroker.start();
    pki = TestPki.create();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static void roundTrip(PetrelClient.Builder builder) throws Exception {
    try (BlockingClient c = builder.reconnect(ReconnectPolicy.disabled()).buildBlocking()) {
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

  @ParameterizedTest
  @EnumSource(
      value = ProtocolVersion.class,
      names = {"MQTT_3_1_1", "MQTT_5"})
  void sendsAndListensOverWebSocket(ProtocolVersion version) throws Exception {
    try (WebSocketBridge bridge = new WebSocketBridge(broker.port(), "/mqtt", null)) {
      roundTrip(
          PetrelClient.builder()
              .host("127.0.0.1")
              .port(bridge.port())
              .version(version)
              .webSocket("/mqtt"));
      assertThat(bridge.subprotocols).containsExactly("mqtt");
      assertThat(bridge.nonBinaryFrames).isEmpty();
    }
  }

  @Test
  void sendsAndListensOverSecureWebSocket() throws Exception {
    TestPki.Issued server = pki.issueServer("localhost");
    SslContext serverTls =
        SslContextBuilder.forServer(server.keys().getPrivate(), server.certificate()).build();
    try (WebSocketBridge bridge = new WebSocketBridge(broker.port(), "/mqtt", serverTls)) {
      roundTrip(
          PetrelClient.builder()
              .host("localhost")
              .port(bridge.port())
              .webSocket("/mqtt")
              .tls(TlsOptions.builder().caCertificatePem(pki.ca.certificatePem()).build()));
      assertThat(bridge.subprotocols).containsExactly("mqtt");
    }
  }

  @Test
  void sendsAndListensOverWebSocketToMosquitto(@TempDir Path dir) throws Exception {
    try (Mosquitto mosquitto = Mosquitto.start(dir, "protocol websockets\n")) {
      Assumptions.assumeTrue(
          mosquitto.running(),
          "this Mosquitto has no WebSocket support (Debian 12's is built without libwebsockets): "
              + mosquitto.log().strip());
      roundTrip(PetrelClient.builder().host("127.0.0.1").port(mosquitto.port()).webSocket("/mqtt"));
    }
  }
}
