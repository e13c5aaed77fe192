package io.petrel.it;

import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A HiveMQ MQTT 3 client (blocking API) that records the messages its subscriptions receive. */
public final class HiveClient implements AutoCloseable {
  private final Mqtt3BlockingClient client;
  private final Mqtt3ConnAck connAck;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private HiveClient(Mqtt3BlockingClient client) {
    this.client = client;
    this.connAck = client.connect();
  }

  /** Connects with clean session and the given client id. */
  public static HiveClient connect(BrokerExtension broker, String clientId) {
    return new HiveClient(builder(broker).identifier(clientId).buildBlocking());
  }

  /** Connects with an empty client id, asking the broker to assign one [MQTT-3.1.3-6]. */
  public static HiveClient connectWithoutId(BrokerExtension broker) {
    return new HiveClient(builder(broker).buildBlocking());
  }

  private static Mqtt3ClientBuilder builder(BrokerExtension broker) {
    return MqttClient.builder().useMqttVersion3().serverHost("127.0.0.1").serverPort(broker.port());
  }

  public Mqtt3ConnAck connAck() {
    return connAck;
  }

  /** Subscribes and returns the SUBACK return code for the filter (0, 1, 2 or 0x80). */
  public int subscribe(String filter, int qos) {
    Mqtt3SubAck subAck =
        client
            .toAsync()
            .subscribeWith()
            .topicFilter(filter)
            .qos(MqttQos.fromCode(qos))
            .callback(this::record)
            .send()
            .join();
    return subAck.getReturnCodes().get(0).getCode();
  }

  private void record(Mqtt3Publish publish) {
    received.add(
        new Received(
            publish.getTopic().toString(),
            new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8),
            publish.getQos().getCode(),
            publish.isRetain()));
  }

  /** Publishes and, at QoS 1 and 2, waits for the broker's acknowledgement. */
  public void publish(String topic, String payload, int qos) {
    publish(topic, payload, qos, false);
  }

  public void publish(String topic, String payload, int qos, boolean retain) {
    client
        .publishWith()
        .topic(topic)
        .qos(MqttQos.fromCode(qos))
        .retain(retain)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> awaitMessages(int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= count);
    return received();
  }

  public Received awaitMessage() {
    return awaitMessages(1).get(0);
  }

  @Override
  public void close() {
    if (client.getState().isConnected()) {
      client.disconnect();
    }
  }
}
