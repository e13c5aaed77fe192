package io.petrel.it;

import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A HiveMQ MQTT 5 client that records every message it receives, including those a resumed session
 * delivers before any new SUBSCRIBE. Calls wait for the broker's answer.
 */
public final class HiveV5Client implements AutoCloseable {
  private final Mqtt5AsyncClient client;
  private final Mqtt5ConnAck connAck;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private HiveV5Client(Mqtt5AsyncClient client, boolean cleanStart, long expirySeconds) {
    this.client = client;
    client.publishes(MqttGlobalPublishFilter.ALL, this::record);
    this.connAck =
        client
            .connectWith()
            .cleanStart(cleanStart)
            .sessionExpiryInterval(expirySeconds)
            .send()
            .join();
  }

  /** Connects with clean start and no session expiry. */
  public static HiveV5Client connect(int port, String clientId) {
    return new HiveV5Client(build(port, clientId), true, 0);
  }

  /** Connects without clean start, asking the broker to keep the session for an hour. */
  public static HiveV5Client connectPersistent(int port, String clientId) {
    return new HiveV5Client(build(port, clientId), false, 3600);
  }

  private static Mqtt5AsyncClient build(int port, String clientId) {
    return builder(port, clientId).buildAsync();
  }

  /** A builder for an MQTT 5 HiveMQ client of the broker on the loopback port. */
  public static Mqtt5ClientBuilder builder(int port, String clientId) {
    return MqttClient.builder()
        .useMqttVersion5()
        .identifier(clientId)
        .serverHost("127.0.0.1")
        .serverPort(port);
  }

  /** A blocking MQTT 5 HiveMQ client, not connected yet. */
  public static Mqtt5BlockingClient blocking(int port, String clientId) {
    return builder(port, clientId).buildBlocking();
  }

  public Mqtt5ConnAck connAck() {
    return connAck;
  }

  private void record(Mqtt5Publish publish) {
    received.add(
        new Received(
            publish.getTopic().toString(),
            new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8),
            publish.getQos().getCode(),
            publish.isRetain()));
  }

  /** Subscribes and returns the SUBACK reason code. */
  public int subscribe(String filter, int qos) {
    return client
        .subscribeWith()
        .topicFilter(filter)
        .qos(MqttQos.fromCode(qos))
        .send()
        .join()
        .getReasonCodes()
        .get(0)
        .getCode();
  }

  public void unsubscribe(String filter) {
    client.unsubscribeWith().topicFilter(filter).send().join();
  }

  /** Publishes and, at QoS 1 and 2, waits for the broker's acknowledgement. */
  public void publish(String topic, String payload, int qos, boolean retain) {
    client
        .publishWith()
        .topic(topic)
        .qos(MqttQos.fromCode(qos))
        .retain(retain)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send()
        .join();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<String> payloads() {
    return received.stream().map(Received::payload).toList();
  }

  /** Waits until at least {@code count} messages have arrived and returns them all. */
  public List<Received> awaitMessages(int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= count);
    return received();
  }

  @Override
  public void close() {
    if (client.getState().isConnected()) {
      client.disconnect().join();
    }
  }
}
