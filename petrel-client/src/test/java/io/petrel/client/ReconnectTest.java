package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Does the client come back by itself, subscriptions and unsent messages included? */
class ReconnectTest {
  private TestBroker broker;

  @BeforeEach
  void start() {
    broker = TestBroker.start();
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = ProtocolVersion.class,
      names = {"MQTT_3_1_1", "MQTT_5"})
  void afterABrokerRestartTheClientReconnectsAndSubscribesAgain(ProtocolVersion version)
      throws Exception {
    List<Boolean> reconnects = new CopyOnWriteArrayList<>();
    ConnectionListener listener =
        new ConnectionListener() {
          @Override
          public void connected(ConnectResult result, boolean reconnect) {
            reconnects.add(reconnect);
          }
        };
    // A clean session: the restarted broker has no session, so the client must subscribe again.
    try (BlockingClient sub =
            broker.client("re-sub").version(version).connectionListener(listener).buildBlocking();
        BlockingClient pub = broker.client("re-pub").version(version).buildBlocking()) {
      sub.connect();
      pub.connect();
      Inbox inbox = new Inbox();
      sub.subscribe("re/#", QoS.AT_LEAST_ONCE, inbox);

      broker.restart();
      await().atMost(Duration.ofSeconds(10)).until(() -> sub.isConnected() && pub.isConnected());
      // The resubscription may still be on its way: publish until one gets through.
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                pub.publish("re/t", "after".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
                return inbox.size() > 0;
              });

      assertThat(inbox.payloads()).allMatch("after"::equals);
      assertThat(reconnects).containsExactly(false, true);
    }
  }

  @Test
  void publishesMadeWhileTheBrokerIsDownAreSentAfterReconnect() throws Exception {
    try (BlockingClient sub =
            broker
                .client("offline-sub")
                .cleanStart(false)
                .sessionExpiry(Duration.ofMinutes(5))
                .buildBlocking();
        AsyncClient pub = broker.client("offline-pub").offlineBufferSize(100).buildAsync()) {
      sub.connect();
      pub.connect().get(5, TimeUnit.SECONDS);
      Inbox inbox = new Inbox();
      sub.subscribe("offline/t", QoS.EXACTLY_ONCE, inbox);

      broker.stop();
      await().atMost(Duration.ofSeconds(5)).until(() -> !pub.isConnected());
      List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
      List<String> reliable = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        QoS qos = QoS.values()[i % 3];
        sent.add(pub.publish("offline/t", ("m" + i).getBytes(UTF_8), qos, false));
        if (qos != QoS.AT_MOST_ONCE) {
          reliable.add("m" + i);
        }
      }
      assertThat(sent).noneMatch(CompletableFuture::isDone);
      broker.restart();

      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      // QoS 0 messages may be dropped if the subscriber is not back yet; the others may not.
      await().atMost(Duration.ofSeconds(10)).until(() -> inbox.payloads().containsAll(reliable));
      assertThat(inbox.payloads()).doesNotHaveDuplicates();
    }
  }

  @Test
  void disconnectStopsReconnectingAndConnectResumes() throws Exception {
    try (BlockingClient client =
        broker
            .client("stop-go")
            .cleanStart(false)
            .sessionExpiry(Duration.ofMinutes(5))
            .buildBlocking()) {
      client.connect();
      Inbox inbox = new Inbox();
      client.subscribe("stop/go", QoS.AT_LEAST_ONCE, inbox);
      client.disconnect();
      assertThat(client.isConnected()).isFalse();

      ConnectResult again = client.connect();
      client.publish("stop/go", "x".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);

      assertThat(again.sessionPresent()).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.size() == 1);
    }
  }
}
