package io.petrel.it;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An Eclipse Paho MQTT 3.1.1 client that records what it receives and whether it lost its
 * connection. Closing it disconnects quietly if still connected.
 */
public final class PahoClient implements AutoCloseable {
  private final MqttClient client;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicReference<Throwable> lost = new AtomicReference<>();
  private final boolean sessionPresent;

  private PahoClient(MqttClient client, MqttConnectOptions options) throws MqttException {
    this.client = client;
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {
            lost.set(cause == null ? new IllegalStateException("connection lost") : cause);
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            received.add(
                new Received(
                    topic,
                    new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.getQos(),
                    message.isRetained()));
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    IMqttToken token = client.connectWithResult(options);
    this.sessionPresent = token.getSessionPresent();
  }

  /** Connects with clean session, MQTT 3.1.1. */
  public static PahoClient connect(BrokerExtension broker, String clientId) throws MqttException {
    return connect(broker, clientId, options -> {});
  }

  /** Connects with options changed by {@code customizer} from clean session, MQTT 3.1.1. */
  public static PahoClient connect(
      BrokerExtension broker, String clientId, Consumer<MqttConnectOptions> customizer)
      throws MqttException {
    return connect(broker.uri(), clientId, customizer);
  }

  /** Connects to {@code uri} ({@code tcp://}, {@code ssl://}, {@code ws://}, {@code wss://}). */
  public static PahoClient connect(String uri, String clientId) throws MqttException {
    return connect(uri, clientId, options -> {});
  }

  /** Connects to {@code uri} with options changed by {@code customizer}. */
  public static PahoClient connect(
      String uri, String clientId, Consumer<MqttConnectOptions> customizer) throws MqttException {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setConnectionTimeout(5);
    options.setCleanSession(true);
    // Paho counts a QoS 0 publish as in flight until its sender thread has written it; the
    // default of 10 makes a quick run of QoS 0 publishes fail on the client side.
    options.setMaxInflight(1000);
    customizer.accept(options);
    MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
    client.setTimeToWait(5_000); // no blocking call may hang a test
    try {
      return new PahoClient(client, options);
    } catch (MqttException e) {
      client.close();
      throw e;
    }
  }

  /** Connects with clean session 0, so that the broker keeps the session. */
  public static PahoClient connectPersistent(BrokerExtension broker, String clientId)
      throws MqttException {
    return connect(broker, clientId, options -> options.setCleanSession(false));
  }

  public boolean sessionPresent() {
    return sessionPresent;
  }

  /** Subscribes and returns the granted QoS. */
  public int subscribe(String filter, int qos) throws MqttException {
    return client.subscribeWithResponse(filter, qos).getGrantedQos()[0];
  }

  public void unsubscribe(String filter) throws MqttException {
    client.unsubscribe(filter);
  }

  /** Publishes and, at QoS 1 and 2, waits for the broker's acknowledgement. */
  public void publish(String topic, String payload, int qos) throws MqttException {
    publish(topic, payload, qos, false);
  }

  public void publish(String topic, String payload, int qos, boolean retain) throws MqttException {
    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
  }

  public void publish(String topic, byte[] payload, int qos) throws MqttException {
    client.publish(topic, payload, qos, false);
  }

  /**
   * Hands a PUBLISH to Paho's sender thread and returns at once. For packets the broker refuses:
   * when the connection is closed while Paho is still writing, Paho never completes the token and a
   * waiting publish would block until its time-out.
   */
  public void publishWithoutWaiting(String topic, byte[] payload, int qos) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(qos);
    client.getTopic(topic).publish(message);
  }

  /** Everything received so far, in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> received(String topic) {
    return received.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  public List<String> payloads() {
    return received.stream().map(Received::payload).toList();
  }

  /** Waits until at least {@code count} messages have arrived and returns them all. */
  public List<Received> awaitMessages(int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= count);
    return received();
  }

  /** Waits for the first message and returns it. */
  public Received awaitMessage() {
    return awaitMessages(1).get(0);
  }

  /** Waits for a message on {@code topic} and returns the first one. */
  public Received awaitMessage(String topic) {
    await().atMost(Duration.ofSeconds(5)).until(() -> !received(topic).isEmpty());
    return received(topic).get(0);
  }

  public boolean isConnected() {
    return client.isConnected();
  }

  /** Why the connection was lost, if {@code connectionLost} was called. */
  public Optional<Throwable> connectionLost() {
    return Optional.ofNullable(lost.get());
  }

  public void awaitConnectionLost() {
    await().atMost(Duration.ofSeconds(5)).until(() -> lost.get() != null);
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect(0); // at once, without waiting for outstanding work
      }
    } catch (MqttException e) {
      // The broker may have closed the connection in the same moment: nothing left to disconnect.
    } finally {
      client.close(true);
    }
  }
}
