package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.ListenerProtocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does MQTT over WebSocket work, on its own listener and beside plain MQTT on one port? */
class WebSocketListenerIT {
  private static final int MQTT_AND_WEBSOCKET = 0;
  private static final int WEBSOCKET_ONLY = 1;

  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withListeners(
          () ->
              List.of(
                  ListenerConfig.loopback(0),
                  ListenerConfig.loopback(0)
                      .withProtocol(ListenerProtocol.WEBSOCKETS)
                      .withWebsocketsPath("/ws")));

  private static String ws(int listener, String path) {
    return "ws://127.0.0.1:" + BROKER.port(listener) + path;
  }

  @Test
  void pahoOverWebSocketAndPlainMqttShareOnePort() throws Exception {
    String topic = Names.topic("one-port");
    try (PahoClient overWebSocket =
            PahoClient.connect(ws(MQTT_AND_WEBSOCKET, "/mqtt"), Names.clientId("ws"));
        PahoClient plain = PahoClient.connect(BROKER, Names.clientId("tcp"))) {
      overWebSocket.subscribe(topic, 1);
      plain.publish(topic, "from tcp", 1);
      assertThat(overWebSocket.awaitMessage().payload()).isEqualTo("from tcp");

      plain.subscribe(topic + "/back", 1);
      overWebSocket.publish(topic + "/back", "from websocket", 1);
      assertThat(plain.awaitMessage().payload()).isEqualTo("from websocket");
    }
  }

  @Test
  void aLargeMessageCrossesWebSocketBothWays() throws Exception {
    String topic = Names.topic("large");
    byte[] payload = new byte[200_000];
    Arrays.fill(payload, (byte) 'x');
    try (PahoClient client =
        PahoClient.connect(ws(MQTT_AND_WEBSOCKET, "/mqtt"), Names.clientId("big"))) {
      client.subscribe(topic, 1);
      client.publish(topic, payload, 1);
      assertThat(client.awaitMessage().payload()).hasSize(payload.length);
    }
  }

  @Test
  void hiveMqClientOverWebSocketWithItsWebSocketConfig() throws Exception {
    String topic = Names.topic("hive-ws");
    Mqtt5BlockingClient client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(Names.clientId("hive-ws"))
            .serverHost("127.0.0.1")
            .serverPort(BROKER.port(WEBSOCKET_ONLY))
            .webSocketConfig()
            .serverPath("ws")
            .applyWebSocketConfig()
            .buildBlocking();
    client.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
      client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("hi".getBytes()).send();
      Mqtt5Publish received = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
      assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hi");
    } finally {
      client.disconnect();
    }
  }

  @Test
  void aWebSocketOnlyListenerRefusesPlainMqttAndSaysSo() {
    try (LogCapture log = LogCapture.of("io.petrel.broker.transport");
        RawMqttClient client = RawMqttClient.open(BROKER.port(WEBSOCKET_ONLY))) {
      client.send(MqttBytes.connect(Names.clientId("plain")).bytes());
      client.awaitClosed();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(log.messages())
                      .anyMatch(m -> m.contains("protocol websockets") && m.contains("127.0.0.1")));
    }
  }

  @Test
  void anotherPathThanTheWebSocketPathGets404() {
    try (RawWebSocketClient client =
        RawWebSocketClient.open(BROKER.port(WEBSOCKET_ONLY), "/mqtt", "mqtt")) {
      assertThat(client.handshakeResponse()).startsWith("HTTP/1.1 404");
    }
  }

  @Test
  void theSubprotocolsMqttAndMqttv31AndNoneAreAccepted() {
    for (String subprotocol : new String[] {"mqtt", "mqttv3.1", null}) {
      try (RawWebSocketClient client =
          RawWebSocketClient.open(BROKER.port(MQTT_AND_WEBSOCKET), "/mqtt", subprotocol)) {
        assertThat(client.handshakeResponse()).startsWith("HTTP/1.1 101");
        if (subprotocol != null) {
          assertThat(client.handshakeResponse())
              .containsIgnoringCase("sec-websocket-protocol: " + subprotocol);
        }
        client.sendBinary(MqttBytes.connect(Names.clientId("sub")).bytes());
        assertThat(Hex.format(client.readMqtt(4))).isEqualTo("20 02 00 00");
      }
    }
  }

  @Test
  void aConnectSplitAcrossThreeFramesIsReassembled() {
    byte[] connect = MqttBytes.connect(Names.clientId("split")).bytes();
    try (RawWebSocketClient client =
        RawWebSocketClient.open(BROKER.port(MQTT_AND_WEBSOCKET), "/mqtt", "mqtt")) {
      client.sendBinary(Arrays.copyOfRange(connect, 0, 1));
      client.sendBinary(Arrays.copyOfRange(connect, 1, 7));
      client.sendBinary(Arrays.copyOfRange(connect, 7, connect.length));
      assertThat(Hex.format(client.readMqtt(4))).isEqualTo("20 02 00 00");
    }
  }

  @Test
  void aConnectInOneFragmentedMessageWithContinuationFramesIsReassembled() {
    byte[] connect = MqttBytes.connect(Names.clientId("fragments")).bytes();
    try (RawWebSocketClient client =
        RawWebSocketClient.open(BROKER.port(MQTT_AND_WEBSOCKET), "/mqtt", "mqtt")) {
      client.sendFrame(RawWebSocketClient.BINARY, false, Arrays.copyOfRange(connect, 0, 3));
      client.sendFrame(RawWebSocketClient.CONTINUATION, false, Arrays.copyOfRange(connect, 3, 9));
      client.sendFrame(
          RawWebSocketClient.CONTINUATION, true, Arrays.copyOfRange(connect, 9, connect.length));
      assertThat(Hex.format(client.readMqtt(4))).isEqualTo("20 02 00 00");
    }
  }

  @Test
  void twoPacketsInOneFrameAreBothHandled() {
    String topic = Names.topic("batched");
    try (RawWebSocketClient client =
        RawWebSocketClient.open(BROKER.port(MQTT_AND_WEBSOCKET), "/mqtt", "mqtt")) {
      ByteArrayOutputStream connectAndSubscribe = new ByteArrayOutputStream();
      connectAndSubscribe.writeBytes(MqttBytes.connect(Names.clientId("batched")).bytes());
      connectAndSubscribe.writeBytes(MqttBytes.subscribe(1, topic, 0));
      client.sendBinary(connectAndSubscribe.toByteArray());
      assertThat(Hex.format(client.readMqtt(4 + 5))).isEqualTo("20 02 00 00 90 03 00 01 00");

      ByteArrayOutputStream twoPublishes = new ByteArrayOutputStream();
      twoPublishes.writeBytes(MqttBytes.publish(topic, "a", 0, 0));
      twoPublishes.writeBytes(MqttBytes.publish(topic, "b", 0, 0));
      client.sendBinary(twoPublishes.toByteArray());
      byte[] expected =
          concat(MqttBytes.publish(topic, "a", 0, 0), MqttBytes.publish(topic, "b", 0, 0));
      assertThat(Hex.format(client.readMqtt(expected.length))).isEqualTo(Hex.format(expected));
    }
  }

  @Test
  void aTextFrameClosesTheConnectionWith1003() {
    try (RawWebSocketClient client =
        RawWebSocketClient.open(BROKER.port(MQTT_AND_WEBSOCKET), "/mqtt", "mqtt")) {
      client.sendFrame(RawWebSocketClient.TEXT, true, "hello".getBytes(StandardCharsets.UTF_8));
      RawWebSocketClient.Frame close = client.readFrame();
      assertThat(close.opcode()).isEqualTo(RawWebSocketClient.CLOSE);
      assertThat(((close.payload()[0] & 0xFF) << 8) | (close.payload()[1] & 0xFF)).isEqualTo(1003);
      client.awaitClosed(Duration.ofSeconds(5));
    }
  }

  @Test
  void bytesThatAreNeitherMqttNorWebSocketNorTlsAreClosedWithALogLine() {
    try (LogCapture log = LogCapture.of("io.petrel.broker.transport");
        RawMqttClient client = RawMqttClient.open(BROKER.port(MQTT_AND_WEBSOCKET))) {
      client.send("POST / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      client.awaitClosed();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(log.messages())
                      .anyMatch(
                          m ->
                              m.contains("not MQTT, WebSocket or TLS")
                                  && m.contains("127.0.0.1:")));
    }
  }

  @Test
  void pahoCannotConnectToTheWrongPath() {
    assertThatThrownBy(
            () -> PahoClient.connect(ws(WEBSOCKET_ONLY, "/mqtt"), Names.clientId("lost")))
        .isInstanceOf(MqttException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
