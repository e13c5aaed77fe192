package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Are MQTT 5 publish properties passed through unchanged to MQTT 5 subscribers, and stripped for
 * MQTT 3.1.1 subscribers on the same broker?
 */
class PropertyPassThroughIT {
  @RegisterExtension static final BrokerExtension BROKER = BrokerExtension.withDefaults();

  private static Mqtt5BlockingClient v5(String id) {
    Mqtt5BlockingClient client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(id)
            .serverHost("127.0.0.1")
            .serverPort(BROKER.port())
            .buildBlocking();
    client.connect();
    return client;
  }

  @Test
  void userPropertiesContentTypeResponseTopicAndCorrelationDataReachAnMqtt5Subscriber()
      throws Exception {
    String topic = Names.topic("props");
    Mqtt5BlockingClient subscriber = v5(Names.clientId("props-sub"));
    Mqtt5BlockingClient publisher = v5(Names.clientId("props-pub"));
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
      subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      publisher
          .publishWith()
          .topic(topic)
          .payload("{\"t\":21.5}".getBytes(StandardCharsets.UTF_8))
          .qos(MqttQos.AT_LEAST_ONCE)
          .contentType("application/json")
          .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
          .responseTopic("replies/1")
          .correlationData("req-42".getBytes(StandardCharsets.UTF_8))
          .userProperties()
          .add("site", "north")
          .add("site", "south") // order and duplicates are kept [MQTT-3.3.2-18]
          .applyUserProperties()
          .send();
      Optional<Mqtt5Publish> received = publishes.receive(5, TimeUnit.SECONDS);
      assertThat(received).isPresent();
      Mqtt5Publish p = received.get();
      assertThat(p.getContentType()).map(Object::toString).contains("application/json");
      assertThat(p.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
      assertThat(p.getResponseTopic()).map(Object::toString).contains("replies/1");
      assertThat(p.getCorrelationData().map(PropertyPassThroughIT::utf8)).contains("req-42");
      assertThat(p.getUserProperties().asList())
          .extracting(u -> u.getName() + "=" + u.getValue())
          .containsExactly("site=north", "site=south");
    } finally {
      publisher.disconnect();
      subscriber.disconnect();
    }
  }

  @Test
  void anMqtt311AndAnMqtt5ClientExchangeMessagesBothWays() throws Exception {
    String to311 = Names.topic("to311");
    String to5 = Names.topic("to5");
    Mqtt5BlockingClient five = v5(Names.clientId("both-v5"));
    try (PahoClient paho = PahoClient.connect(BROKER, Names.clientId("both-v311"));
        Mqtt5BlockingClient.Mqtt5Publishes publishes =
            five.publishes(MqttGlobalPublishFilter.ALL)) {
      paho.subscribe(to311, 1);
      five.subscribeWith().topicFilter(to5).qos(MqttQos.AT_LEAST_ONCE).send();
      // Properties the 3.1.1 side cannot carry are stripped; the message itself arrives.
      five.publishWith()
          .topic(to311)
          .payload("from five".getBytes(StandardCharsets.UTF_8))
          .qos(MqttQos.AT_LEAST_ONCE)
          .userProperties(
              com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties.of(
                  Mqtt5UserProperty.of("k", "v")))
          .contentType("text/plain")
          .send();
      assertThat(paho.awaitMessage().payload()).isEqualTo("from five");
      paho.publish(to5, "from 3.1.1", 1);
      Optional<Mqtt5Publish> received = publishes.receive(5, TimeUnit.SECONDS);
      assertThat(received)
          .map(p -> utf8(ByteBuffer.wrap(p.getPayloadAsBytes())))
          .contains("from 3.1.1");
      assertThat(received.get().getUserProperties().asList()).isEmpty();
    } finally {
      five.disconnect();
    }
  }

  private static String utf8(ByteBuffer buffer) {
    return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
  }
}
