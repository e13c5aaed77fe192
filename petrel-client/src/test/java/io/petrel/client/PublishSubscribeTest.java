package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import io.petrel.codec.UserProperty;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Send and Listen against an in-process Petrel broker, MQTT 3.1.1 and 5.0, every QoS. */
class PublishSubscribeTest {
  private static TestBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  static Stream<Arguments> versionsAndQos() {
    return Stream.of(ProtocolVersion.MQTT_3_1, ProtocolVersion.MQTT_3_1_1, ProtocolVersion.MQTT_5)
        .flatMap(v -> Stream.of(QoS.values()).map(q -> Arguments.of(v, q)));
  }

  @ParameterizedTest(name = "MQTT {0} QoS {1}")
  @MethodSource("versionsAndQos")
  void aPublishedMessageReachesTheSubscriberAtEachQos(ProtocolVersion version, QoS qos)
      throws Exception {
    String topic = "pubsub/" + version + "/" + qos.value();
    try (AsyncClient sub = broker.client("sub-" + version + qos).version(version).buildAsync();
        AsyncClient pub = broker.client("pub-" + version + qos).version(version).buildAsync()) {
      sub.connect().get(5, TimeUnit.SECONDS);
      pub.connect().get(5, TimeUnit.SECONDS);
      Inbox inbox = new Inbox();
      SubscribeResult granted = sub.subscribe(topic, qos, inbox).get(5, TimeUnit.SECONDS);
      assertThat(granted.grantedQos()).isEqualTo(qos);

      PublishResult result =
          pub.publish(topic, "hello".getBytes(UTF_8), qos, false).get(5, TimeUnit.SECONDS);

      assertThat(result.qos()).isEqualTo(qos);
      assertThat(result.reasonCode().isError()).isFalse();
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.size() == 1);
      assertThat(inbox.messages().get(0).topic()).isEqualTo(topic);
      assertThat(inbox.payloads()).containsExactly("hello");
    }
  }

  @Test
  void mqtt5PropertiesTravelWithTheMessage() throws Exception {
    try (BlockingClient sub = broker.client("props-sub").buildBlocking();
        BlockingClient pub = broker.client("props-pub").buildBlocking()) {
      sub.connect();
      pub.connect();
      Inbox inbox = new Inbox();
      sub.subscribe("props/t", QoS.AT_LEAST_ONCE, inbox);

      pub.publish(
          "props/t",
          "{}".getBytes(UTF_8),
          QoS.AT_LEAST_ONCE,
          false,
          MqttProperties.builder()
              .string(PropertyId.CONTENT_TYPE, "application/json")
              .userProperty("site", "north")
              .build());

      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.size() == 1);
      MqttProperties received = inbox.messages().get(0).properties();
      assertThat(received.string(PropertyId.CONTENT_TYPE)).contains("application/json");
      assertThat(received.userProperties()).containsExactly(new UserProperty("site", "north"));
    }
  }

  @Test
  void overlappingFiltersCallEachMatchingHandlerOncePerMessage() throws Exception {
    try (BlockingClient client = broker.client("overlap").buildBlocking()) {
      client.connect();
      Inbox exact = new Inbox();
      Inbox single = new Inbox();
      Inbox multi = new Inbox();
      Inbox other = new Inbox();
      client.subscribe("home/kitchen/temp", QoS.AT_LEAST_ONCE, exact);
      client.subscribe("home/+/temp", QoS.AT_LEAST_ONCE, single);
      client.subscribe("home/#", QoS.AT_MOST_ONCE, multi);
      client.subscribe("garden/#", QoS.AT_LEAST_ONCE, other);

      client.publish("home/kitchen/temp", "21".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
      client.publish("home/hall/light", "on".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
      client.publish("garden/soil", "dry".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);

      await().atMost(Duration.ofSeconds(5)).until(() -> multi.size() == 2 && other.size() == 1);
      // A message marks the end: everything sent before it on this connection has arrived.
      client.publish("garden/end", "end".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
      await().atMost(Duration.ofSeconds(5)).until(() -> other.size() == 2);
      assertThat(exact.payloads()).containsExactly("21");
      assertThat(single.payloads()).containsExactly("21");
      assertThat(multi.payloads()).containsExactly("21", "on");
      assertThat(other.payloads()).containsExactly("dry", "end");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ProtocolVersion.class,
      names = {"MQTT_3_1_1", "MQTT_5"})
  void unsubscribeRemovesTheHandler(ProtocolVersion version) throws Exception {
    try (BlockingClient client =
        broker.client("unsub-" + version).version(version).buildBlocking()) {
      client.connect();
      Inbox gone = new Inbox();
      Inbox stays = new Inbox();
      client.subscribe("unsub/a", QoS.AT_LEAST_ONCE, gone);
      client.subscribe("unsub/#", QoS.AT_LEAST_ONCE, stays);
      client.publish("unsub/a", "1".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
      await().atMost(Duration.ofSeconds(5)).until(() -> gone.size() == 1 && stays.size() == 1);

      UnsubscribeResult result = client.unsubscribe("unsub/a");
      client.publish("unsub/a", "2".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);

      assertThat(result.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
      await().atMost(Duration.ofSeconds(5)).until(() -> stays.size() == 2);
      assertThat(gone.payloads()).containsExactly("1");
    }
  }

  @Test
  void aListenerSeesTheRetainFlagAndQosOfRetainedAndLiveMessages() throws Exception {
    try (BlockingClient client = broker.client("retain").buildBlocking()) {
      client.connect();
      client.publish("retain/t", "last".getBytes(UTF_8), QoS.AT_LEAST_ONCE, true);
      List<Message> received = new java.util.concurrent.CopyOnWriteArrayList<>();
      client.subscribe("retain/#", QoS.EXACTLY_ONCE, received::add);
      client.publish("retain/t", "live".getBytes(UTF_8), QoS.EXACTLY_ONCE, false);

      await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
      assertThat(received)
          .extracting(m -> m.payload().toUtf8String(), Message::retain, Message::qos)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("last", true, QoS.AT_LEAST_ONCE),
              org.assertj.core.groups.Tuple.tuple("live", false, QoS.EXACTLY_ONCE));
      client.publish("retain/t", new byte[0], QoS.AT_LEAST_ONCE, true); // clears it
    }
  }

  @Test
  void anEmptyClientIdWithoutCleanStartIsRefusedByTheBuilder() {
    assertThatThrownBy(() -> broker.client("").cleanStart(false).buildAsync())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MQTT-3.1.3-8");
  }

  @Test
  void connectingToAClosedPortFailsWithoutRetrying() {
    TestBroker gone = TestBroker.start();
    int port = gone.port();
    gone.close();
    try (BlockingClient client =
        PetrelClient.builder().host("127.0.0.1").port(port).buildBlocking()) {
      assertThatThrownBy(client::connect)
          .isInstanceOf(MqttClientException.class)
          .hasMessageContaining("127.0.0.1:" + port);
      assertThat(client.isConnected()).isFalse();
    }
  }

  @Test
  void keepAliveKeepsAnIdleConnectionOpen() throws Exception {
    try (BlockingClient client =
        broker.client("keep-alive").keepAlive(Duration.ofSeconds(1)).buildBlocking()) {
      client.connect();
      // The broker closes a connection silent for 1.5 keep-alives; PINGREQs prevent that.
      await()
          .pollDelay(Duration.ofMillis(100))
          .during(Duration.ofMillis(2_500))
          .atMost(Duration.ofSeconds(4))
          .until(client::isConnected);
    }
  }

  @Test
  void anEmptyClientIdGetsOneAssignedByAnMqtt5Broker() throws Exception {
    try (BlockingClient client = broker.client("").buildBlocking()) {
      ConnectResult result = client.connect();
      assertThat(result.assignedClientId()).isPresent();
    }
  }

  @Test
  void aHandlerMustNotBlockOnTheSameClient() throws Exception {
    try (BlockingClient client = broker.client("handler-blocks").buildBlocking()) {
      client.connect();
      List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
      client.subscribe(
          "blocks/t",
          QoS.AT_MOST_ONCE,
          (topic, payload, props) -> {
            try {
              client.publish("blocks/other", new byte[0], QoS.AT_LEAST_ONCE, false);
            } catch (IllegalStateException e) {
              errors.add(e);
            }
          });
      client.publish("blocks/t", new byte[0], QoS.AT_MOST_ONCE, false);
      await().atMost(Duration.ofSeconds(5)).until(() -> errors.size() == 1);
      assertThat(errors.get(0)).hasMessageContaining("must not wait");
    }
  }
}
