package io.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Send refuses bad topics before anything is sent: no broker is needed to see it. */
class SendValidationTest {
  private AsyncClient client;

  @BeforeEach
  void build() {
    client = PetrelClient.builder().port(1).offlineBufferSize(10).buildAsync();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "sensors/+/temperature, MQTT-3.3.2-2",
    "sensors/#, MQTT-3.3.2-2",
    "+, MQTT-3.3.2-2",
    "'', MQTT-4.7.3-1",
  })
  void aTopicWithAWildcardOrEmptyIsRefusedNamingTheRule(String topic, String rule) {
    assertThatThrownBy(() -> client.publish(topic, new byte[0], QoS.AT_MOST_ONCE, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[" + rule + "]");
  }

  @Test
  void aTopicLongerThan65535Utf8BytesIsRefused() {
    String ok = "a".repeat(65_535);
    String tooLong = "é".repeat(32_768); // 65536 bytes in UTF-8, 32768 chars
    assertThat(client.publish(ok, new byte[0], QoS.AT_MOST_ONCE, false)).isNotNull();
    assertThatThrownBy(() -> client.publish(tooLong, new byte[0], QoS.AT_MOST_ONCE, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65535 bytes")
        .hasMessageContaining("[MQTT-1.5.4-1]");
  }

  @Test
  void aTopicWithAnUnpairedSurrogateIsRefused() {
    assertThatThrownBy(() -> client.publish("a/\uD800", new byte[0], QoS.AT_MOST_ONCE, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[MQTT-1.5.4-1]");
  }

  @Test
  void aTopicWithNullCharacterIsRefused() {
    assertThatThrownBy(() -> client.publish("a\u0000b", new byte[0], QoS.AT_MOST_ONCE, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[MQTT-4.7.3-2]");
  }

  @Test
  void listenAcceptsWildcardsButRefusesMisplacedOnes() {
    assertThat(client.subscribe("sensors/+/temperature", QoS.AT_MOST_ONCE, (t, p, m) -> {}))
        .isNotNull();
    assertThatThrownBy(() -> client.subscribe("sensors/#/x", QoS.AT_MOST_ONCE, (t, p, m) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[MQTT-4.7.1-2]");
    assertThatThrownBy(() -> client.subscribe("sensors/a+", QoS.AT_MOST_ONCE, (t, p, m) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[MQTT-4.7.1-3]");
    assertThatThrownBy(() -> client.subscribe("$share//x", QoS.AT_MOST_ONCE, (t, p, m) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MQTT-4.8.2-1");
  }

  @Test
  void aSubscriptionIdentifierInAPublishIsRefused() {
    MqttProperties props =
        MqttProperties.builder().integer(PropertyId.SUBSCRIPTION_IDENTIFIER, 3).build();
    assertThatThrownBy(() -> client.publish("a", new byte[0], QoS.AT_MOST_ONCE, false, props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[MQTT-3.3.4-6]");
  }

  @Test
  void mqtt311RefusesProperties() {
    try (AsyncClient v3 =
        PetrelClient.builder().port(1).version(ProtocolVersion.MQTT_3_1_1).buildAsync()) {
      MqttProperties props = MqttProperties.builder().userProperty("a", "b").build();
      assertThatThrownBy(() -> v3.publish("a", new byte[0], QoS.AT_MOST_ONCE, false, props))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("MQTT 5");
    }
  }

  @Test
  void aFullOfflineBufferFailsTheNewPublishAndKeepsTheOldOnes() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(client.publish("a", new byte[0], QoS.AT_LEAST_ONCE, false)).isNotDone();
    }
    var overflow = client.publish("a", new byte[0], QoS.AT_LEAST_ONCE, false);
    assertThatThrownBy(() -> overflow.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(MqttClientException.class)
        .hasMessageContaining("offline buffer is full (10 messages)");
  }
}
