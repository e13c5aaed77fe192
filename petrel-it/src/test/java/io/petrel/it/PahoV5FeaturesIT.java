package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MQTT 5 features seen from the Eclipse Paho mqttv5 1.2.5 client: session expiry, will delay,
 * message expiry, request/response, topic aliases and Receive Maximum.
 */
class PahoV5FeaturesIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  /** A connected Paho v5 client that queues what its subscriptions receive. */
  private static final class Paho implements AutoCloseable {
    final MqttClient client;
    final BlockingQueue<Arrived> received = new LinkedBlockingQueue<>();
    final IMqttToken connectToken;

    record Arrived(String topic, MqttMessage message) {
      String text() {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
      }
    }

    Paho(String id, MqttConnectionOptions options) throws MqttException {
      client = new MqttClient("tcp://127.0.0.1:" + BROKER.port(), id, new MemoryPersistence());
      client.setCallback(
          new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
              received.add(new Arrived(topic, message));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
          });
      connectToken = client.connectWithResult(options);
    }

    Arrived next() throws InterruptedException {
      Arrived a = received.poll(5, TimeUnit.SECONDS);
      assertThat(a).as("a message within 5 s").isNotNull();
      return a;
    }

    void publish(String topic, String payload, int qos, MqttProperties props) throws MqttException {
      MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
      m.setQos(qos);
      m.setProperties(props);
      client.publish(topic, m);
    }

    @Override
    public void close() throws MqttException {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    }
  }

  private static MqttConnectionOptions options(boolean cleanStart, long sessionExpiry) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(cleanStart);
    o.setSessionExpiryInterval(sessionExpiry);
    return o;
  }

  @Test
  void aSessionWithExpiryIsResumedWithItsMessages() throws Exception {
    String id = Names.clientId("paho5-session");
    String topic = Names.topic("paho5-session");
    try (Paho first = new Paho(id, options(true, 30))) {
      first.client.subscribe(topic, 1);
    }
    try (Paho pub = new Paho(Names.clientId("paho5-pub"), options(true, 0))) {
      pub.publish(topic, "queued", 1, new MqttProperties());
    }
    try (Paho back = new Paho(id, options(false, 0))) {
      assertThat(back.connectToken.getSessionPresent()).isTrue();
      assertThat(back.next().text()).isEqualTo("queued");
    }
    try (Paho again = new Paho(id, options(false, 0))) {
      assertThat(again.connectToken.getSessionPresent()).isFalse(); // expiry 0 ended it
    }
  }

  @Test
  void aDelayedWillGoesOutAfterItsDelay() throws Exception {
    String topic = Names.topic("paho5-will");
    try (Paho watcher = new Paho(Names.clientId("paho5-watch"), options(true, 0))) {
      watcher.client.subscribe(topic, 1);
      MqttConnectionOptions o = options(true, 30);
      o.setWill(topic, new MqttMessage("bye".getBytes(StandardCharsets.UTF_8), 1, false, null));
      MqttProperties willProps = new MqttProperties();
      willProps.setWillDelayInterval(1L);
      o.setWillMessageProperties(willProps);
      Paho dying = new Paho(Names.clientId("paho5-will"), o);
      long lost = System.nanoTime();
      dying.client.disconnectForcibly(0, 100, false); // no DISCONNECT: the will is due
      dying.client.close();
      assertThat(watcher.next().text()).isEqualTo("bye");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lost)).isGreaterThan(900);
    }
  }

  @Test
  void requestResponsePassesResponseTopicAndCorrelationData() throws Exception {
    String service = Names.topic("paho5-service");
    MqttConnectionOptions o = options(true, 0);
    o.setRequestResponseInfo(true);
    String requesterId = Names.clientId("paho5-requester");
    try (Paho responder = new Paho(Names.clientId("paho5-responder"), options(true, 0));
        Paho requester = new Paho(requesterId, o)) {
      String responseInfo = requester.connectToken.getResponseProperties().getResponseInfo();
      assertThat(responseInfo).isEqualTo("response/" + requesterId);
      String replyTo = responseInfo + "/" + Names.topic("reply");
      requester.client.subscribe(replyTo, 1);
      responder.client.subscribe(service, 1);

      MqttProperties request = new MqttProperties();
      request.setResponseTopic(replyTo);
      request.setCorrelationData(new byte[] {4, 2});
      requester.publish(service, "what time is it?", 1, request);

      Paho.Arrived req = responder.next();
      assertThat(req.message().getProperties().getResponseTopic()).isEqualTo(replyTo);
      MqttProperties reply = new MqttProperties();
      reply.setCorrelationData(req.message().getProperties().getCorrelationData());
      responder.publish(req.message().getProperties().getResponseTopic(), "noon", 1, reply);

      Paho.Arrived answer = requester.next();
      assertThat(answer.text()).isEqualTo("noon");
      assertThat(answer.message().getProperties().getCorrelationData()).containsExactly(4, 2);
    }
  }

  @Test
  void messageExpiryCountsDownWhileQueued() throws Exception {
    String id = Names.clientId("paho5-expiry");
    String topic = Names.topic("paho5-expiry");
    try (Paho first = new Paho(id, options(true, 30))) {
      first.client.subscribe(topic, 1);
    }
    try (Paho pub = new Paho(Names.clientId("paho5-expiry-pub"), options(true, 0))) {
      MqttProperties shortLived = new MqttProperties();
      shortLived.setMessageExpiryInterval(1L);
      pub.publish(topic, "gone", 1, shortLived);
      MqttProperties longLived = new MqttProperties();
      longLived.setMessageExpiryInterval(60L);
      pub.publish(topic, "kept", 1, longLived);
    }
    Thread.sleep(1_500);
    try (Paho back = new Paho(id, options(false, 0))) {
      Paho.Arrived a = back.next();
      assertThat(a.text()).isEqualTo("kept");
      assertThat(a.message().getProperties().getMessageExpiryInterval()).isBetween(1L, 59L);
      assertThat(back.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  // Paho 1.2.5 does not resolve topic aliases it receives (eclipse-paho/paho.mqtt.java#866), so
  // Paho is tested as a sender of aliases here; TopicAliasIT checks the server's aliases with the
  // HiveMQ client and raw bytes.
  @Test
  void pahosOwnTopicAliasesAreResolvedByTheBroker() throws Exception {
    String topic = Names.topic("paho5-alias");
    try (Paho sub = new Paho(Names.clientId("paho5-alias"), options(true, 0));
        Paho pub = new Paho(Names.clientId("paho5-alias-pub"), options(true, 0))) {
      sub.client.subscribe(topic, 1);
      for (int i = 0; i < 4; i++) {
        MqttProperties props = new MqttProperties();
        props.setTopicAlias(1); // the first sets it, the others use it
        pub.publish(topic, "m" + i, 1, props);
      }
      for (int i = 0; i < 4; i++) {
        Paho.Arrived a = sub.next();
        assertThat(a.topic()).isEqualTo(topic);
        assertThat(a.text()).isEqualTo("m" + i);
      }
    }
  }

  @Test
  void aReceiveMaximumOfOneStillGetsEveryMessageInOrder() throws Exception {
    String topic = Names.topic("paho5-rm");
    MqttConnectionOptions o = options(true, 0);
    o.setReceiveMaximum(1);
    try (Paho sub = new Paho(Names.clientId("paho5-rm"), o);
        Paho pub = new Paho(Names.clientId("paho5-rm-pub"), options(true, 0))) {
      sub.client.subscribe(topic, 1);
      for (int i = 0; i < 20; i++) {
        pub.publish(topic, Integer.toString(i), 1, new MqttProperties());
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> sub.received.size() >= 20);
      assertThat(sub.received.stream().map(Paho.Arrived::text).toList())
          .isEqualTo(java.util.stream.IntStream.range(0, 20).mapToObj(Integer::toString).toList());
      assertThat(List.copyOf(sub.received)).hasSize(20);
    }
  }
}
