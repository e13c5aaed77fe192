package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does the broker close a connection that sends a packet above max_packet_size, and log why? */
class OversizedPacketIT {
  private static final int MAX_PACKET_SIZE = 1024;
  private static final String DISCONNECTOR = "io.petrel.broker.connection.Disconnector";

  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withConfig(b -> b.maxPacketSize(MAX_PACKET_SIZE));

  @Test
  void pahoPublishingA2000BytePayloadIsDisconnectedAndTheCloseIsLogged() throws Exception {
    String topic = Names.topic("big");
    String bigId = Names.clientId("big-pub");
    try (LogCapture log = LogCapture.of(DISCONNECTOR);
        PahoClient subscriber = PahoClient.connect(BROKER, Names.clientId("big-sub"));
        HiveClient bystander = HiveClient.connect(BROKER, Names.clientId("big-bystander"));
        PahoClient big = PahoClient.connect(BROKER, bigId)) {
      subscriber.subscribe(topic, 1);

      big.publishWithoutWaiting(topic, new byte[2000], 0);
      big.awaitConnectionLost();

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(log.messages())
                      .anySatisfy(
                          line ->
                              assertThat(line)
                                  .startsWith("Closed connection from 127.0.0.1")
                                  .contains("The message size is too large for this endpoint.")
                                  .contains(bigId)));

      // Everyone else carries on, and the oversized message went nowhere.
      bystander.publish(topic, "after", 1);
      assertThat(subscriber.awaitMessage()).isEqualTo(new Received(topic, "after", 1, false));
      assertThat(subscriber.received()).hasSize(1);
    }
  }

  @Test
  void oversizedCloseIsLoggedAtWarn() throws Exception {
    try (LogCapture log = LogCapture.of(DISCONNECTOR);
        RawMqttClient client =
            RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("warn")))) {
      client.send(MqttBytes.publish("t", new byte[1500], 0, false, false, 0));
      client.awaitClosed();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  log.events().stream()
                      .anyMatch(
                          e ->
                              e.getLevel() == Level.WARN
                                  && e.getFormattedMessage().contains("too large")));
    }
  }

  @Test
  void packetOfExactlyMaxPacketSizeBytesIsAccepted() {
    String topic = Names.topic("edge");
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("edge")))) {
      client.send(MqttBytes.subscribe(1, topic, 0));
      client.expect("90 03 00 01 00");
      byte[] packet = publishOfTotalSize(topic, MAX_PACKET_SIZE);
      assertThat(packet).hasSize(MAX_PACKET_SIZE);

      client.send(packet);
      RawPacket echoed = client.expectPublish();
      assertThat(echoed.topic()).isEqualTo(topic);
      client.ping();
    }
  }

  @Test
  void packetOneByteAboveMaxPacketSizeClosesTheConnection() {
    String topic = Names.topic("edge-plus-one");
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("edge1")))) {
      byte[] packet = publishOfTotalSize(topic, MAX_PACKET_SIZE + 1);
      assertThat(packet).hasSize(MAX_PACKET_SIZE + 1);

      client.send(packet);
      client.awaitClosed();
    }
  }

  @Test
  void connectionIsClosedOnTheAnnouncedLengthWithoutWaitingForTheBody() {
    try (RawMqttClient client =
        RawMqttClient.connected(BROKER.port(), MqttBytes.connect(Names.clientId("announce")))) {
      client.sendHex("30 A0 8D 06"); // PUBLISH, remaining length 100 000, and no body follows
      client.awaitClosed(Duration.ofSeconds(3));
    }
  }

  @Test
  void oversizedConnectIsClosedBeforeAnyConnack() {
    try (RawMqttClient client = RawMqttClient.open(BROKER.port())) {
      client.send(
          MqttBytes.connect(Names.clientId("big-connect"))
              .will(Names.topic("big-will"), "x".repeat(2000), 0, false)
              .bytes());
      client.awaitClosed();
    }
  }

  /** A QoS 0 PUBLISH on {@code topic} padded to exactly {@code size} bytes, header included. */
  private static byte[] publishOfTotalSize(String topic, int size) {
    // fixed header 1 byte + 2-byte remaining length (128..16383) + 2-byte topic length + topic
    int payload = size - 1 - 2 - 2 - topic.length();
    byte[] filler = new byte[payload];
    Arrays.fill(filler, (byte) 'x');
    return MqttBytes.publish(topic, filler, 0, false, false, 0);
  }
}
