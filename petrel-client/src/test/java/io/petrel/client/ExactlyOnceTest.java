package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.petrel.codec.PacketType;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Does an interrupted QoS 2 flow from client to broker still deliver the message exactly once? The
 * connection is cut at each step of the flow; the client resends PUBLISH with DUP or PUBREL.
 */
class ExactlyOnceTest {
  private static TestBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static PetrelClient.Builder persistent(String id, ProtocolVersion version) {
    return broker
        .client(id)
        .version(version)
        .cleanStart(false)
        .sessionExpiry(Duration.ofMinutes(5));
  }

  @ParameterizedTest(name = "MQTT {0}, cut when {1} arrives")
  @CsvSource({
    "MQTT_3_1_1, PUBREC",
    "MQTT_3_1_1, PUBCOMP",
    "MQTT_5, PUBREC",
    "MQTT_5, PUBCOMP",
  })
  void aQos2MessageCutOffMidFlowIsDeliveredExactlyOnce(ProtocolVersion version, PacketType cutAt)
      throws Exception {
    String topic = "eo/" + version + "/" + cutAt;
    List<Boolean> sessionPresent = new java.util.concurrent.CopyOnWriteArrayList<>();
    ConnectionListener countConnects =
        new ConnectionListener() {
          @Override
          public void connected(ConnectResult result, boolean reconnect) {
            sessionPresent.add(result.sessionPresent());
          }
        };
    try (BlockingClient sub =
            broker.client("eo-sub-" + version + cutAt).version(version).buildBlocking();
        AsyncClient pub =
            persistent("eo-pub-" + version + cutAt, version)
                .connectionListener(countConnects)
                .buildAsync()) {
      sub.connect();
      Inbox inbox = new Inbox();
      sub.subscribe(topic, QoS.EXACTLY_ONCE, inbox);
      pub.connect().get(5, TimeUnit.SECONDS);

      pub.dropConnectionOnReceive(cutAt);
      PublishResult result =
          pub.publish(topic, "once".getBytes(UTF_8), QoS.EXACTLY_ONCE, false)
              .get(10, TimeUnit.SECONDS);
      // The marker goes after the resent flow: when it arrives, any duplicate would have too.
      pub.publish(topic, "marker".getBytes(UTF_8), QoS.EXACTLY_ONCE, false)
          .get(5, TimeUnit.SECONDS);

      assertThat(result.qos()).isEqualTo(QoS.EXACTLY_ONCE);
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.payloads().contains("marker"));
      assertThat(inbox.payloads()).containsExactly("once", "marker");
      assertThat(pub.inflightCount()).isZero();
      // The flow really was cut, and resumed in the broker's session.
      assertThat(sessionPresent).containsExactly(false, true);
    }
  }

  @Test
  void manyQos2MessagesSurviveRepeatedConnectionCutsExactlyOnce() throws Exception {
    try (BlockingClient sub = broker.client("eo-many-sub").buildBlocking();
        AsyncClient pub = persistent("eo-many-pub", ProtocolVersion.MQTT_5).buildAsync()) {
      sub.connect();
      Inbox inbox = new Inbox();
      sub.subscribe("eo/many", QoS.EXACTLY_ONCE, inbox);
      pub.connect().get(5, TimeUnit.SECONDS);

      List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        expected.add("m" + i);
        sent.add(pub.publish("eo/many", ("m" + i).getBytes(UTF_8), QoS.EXACTLY_ONCE, false));
        if (i % 40 == 20) {
          pub.dropConnection();
        }
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      pub.publish("eo/many", "end".getBytes(UTF_8), QoS.EXACTLY_ONCE, false)
          .get(5, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(10)).until(() -> inbox.payloads().contains("end"));
      expected.add("end");
      assertThat(inbox.payloads()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
