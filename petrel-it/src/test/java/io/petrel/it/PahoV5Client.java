package io.petrel.it;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * An Eclipse Paho MQTT 5 client that records what it receives, subscription identifiers included.
 * Every call waits at most five seconds.
 */
public final class PahoV5Client implements AutoCloseable {
  private static final long WAIT_MILLIS = 5_000;

  /**
   * A message as Paho handed it to the application.
   *
   * @param subscriptionIds the Subscription Identifier properties of the PUBLISH
   */
  public record Delivery(
      String topic, String payload, int qos, boolean retained, List<Integer> subscriptionIds) {}

  private final MqttAsyncClient client;
  private final List<Delivery> received = new CopyOnWriteArrayList<>();
  private final boolean sessionPresent;

  private PahoV5Client(MqttAsyncClient client, MqttConnectionOptions options) throws MqttException {
    this.client = client;
    client.setCallback(
        new MqttCallback() {
          @Override
          public void disconnected(MqttDisconnectResponse response) {}

          @Override
          public void mqttErrorOccurred(MqttException exception) {}

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            MqttProperties props = message.getProperties();
            received.add(
                new Delivery(
                    topic,
                    new String(message.getPayload(), StandardCharsets.UTF_8),
                    message.getQos(),
                    message.isRetained(),
                    props == null ? List.of() : List.copyOf(props.getSubscriptionIdentifiers())));
          }

          @Override
          public void deliveryComplete(IMqttToken token) {}

          @Override
          public void connectComplete(boolean reconnect, String serverUri) {}

          @Override
          public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
    IMqttToken token = client.connect(options);
    token.waitForCompletion(WAIT_MILLIS);
    this.sessionPresent = token.getSessionPresent();
  }

  /** Connects with clean start and no session expiry. */
  public static PahoV5Client connect(BrokerExtension broker, String clientId) throws MqttException {
    return connect(broker, clientId, true, 0);
  }

  /** Connects without clean start, asking the broker to keep the session for an hour. */
  public static PahoV5Client connectPersistent(BrokerExtension broker, String clientId)
      throws MqttException {
    return connect(broker, clientId, false, 3600);
  }

  private static PahoV5Client connect(
      BrokerExtension broker, String clientId, boolean cleanStart, long expirySeconds)
      throws MqttException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(cleanStart);
    options.setSessionExpiryInterval(expirySeconds);
    options.setConnectionTimeout(5);
    options.setAutomaticReconnect(false);
    MqttAsyncClient client = new MqttAsyncClient(broker.uri(), clientId, new MemoryPersistence());
    try {
      return new PahoV5Client(client, options);
    } catch (MqttException e) {
      client.close(true);
      throw e;
    }
  }

  public boolean sessionPresent() {
    return sessionPresent;
  }

  /** Subscribes without a subscription identifier; returns the SUBACK reason code. */
  public int subscribe(String filter, int qos) throws MqttException {
    return subscribe(filter, qos, new MqttProperties());
  }

  /** Subscribes with a subscription identifier; returns the SUBACK reason code. */
  public int subscribe(String filter, int qos, int subscriptionId) throws MqttException {
    MqttProperties props = new MqttProperties();
    props.setSubscriptionIdentifier(subscriptionId);
    return subscribe(filter, qos, props);
  }

  private int subscribe(String filter, int qos, MqttProperties props) throws MqttException {
    IMqttToken token =
        client.subscribe(
            new MqttSubscription[] {new MqttSubscription(filter, qos)}, null, null, props);
    token.waitForCompletion(WAIT_MILLIS);
    return token.getReasonCodes()[0];
  }

  public void unsubscribe(String filter) throws MqttException {
    client.unsubscribe(filter).waitForCompletion(WAIT_MILLIS);
  }

  /** Publishes and, at QoS 1 and 2, waits for the broker's acknowledgement. */
  public void publish(String topic, String payload, int qos, boolean retain) throws MqttException {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(qos);
    message.setRetained(retain);
    client.publish(topic, message).waitForCompletion(WAIT_MILLIS);
  }

  /** Everything received so far, in arrival order. */
  public List<Delivery> received() {
    return List.copyOf(received);
  }

  /** Waits until at least {@code count} messages have arrived and returns them all. */
  public List<Delivery> awaitMessages(int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= count);
    return received();
  }

  public Delivery awaitMessage() {
    return awaitMessages(1).get(0);
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(WAIT_MILLIS);
      }
    } catch (MqttException e) {
      // The broker may have closed the connection in the same moment: nothing left to disconnect.
    } finally {
      client.close(true);
    }
  }
}
