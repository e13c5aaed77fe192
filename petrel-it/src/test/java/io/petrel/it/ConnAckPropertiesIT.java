package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckRestrictions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CONNACK tells an MQTT 5 client the truth about this broker's configuration (MQTT 5.0 section
 * 3.2.2.3), checked with the HiveMQ MQTT 5 client.
 */
class ConnAckPropertiesIT {

  @Nested
  class WithDefaults {
    @RegisterExtension final BrokerExtension broker = BrokerExtension.withDefaults();

    @Test
    void limitsAndAvailability() {
      Mqtt5BlockingClient c =
          HiveV5Client.builder(broker.port(), Names.clientId("connack")).buildBlocking();
      Mqtt5ConnAck ack = c.connect();
      Mqtt5ConnAckRestrictions r = ack.getRestrictions();
      assertThat(r.getReceiveMaximum()).isEqualTo(100);
      assertThat(r.getTopicAliasMaximum()).isEqualTo(10);
      assertThat(r.getMaximumPacketSize()).isEqualTo(1024 * 1024);
      assertThat(r.isRetainAvailable()).isTrue();
      assertThat(r.isWildcardSubscriptionAvailable()).isTrue();
      assertThat(ack.getServerKeepAlive()).isEmpty(); // the client's own keep-alive applies
      assertThat(ack.getAssignedClientIdentifier()).isEmpty();
      assertThat(ack.getResponseInformation()).isEmpty(); // not asked for
      c.disconnect();
    }

    @Test
    void responseInformationWhenAskedFor() {
      String id = Names.clientId("respinfo");
      Mqtt5BlockingClient c = HiveV5Client.builder(broker.port(), id).buildBlocking();
      Mqtt5ConnAck ack =
          c.connectWith()
              .restrictions()
              .requestResponseInformation(true)
              .applyRestrictions()
              .send();
      assertThat(ack.getResponseInformation()).isPresent();
      assertThat(ack.getResponseInformation().get().toString()).isEqualTo("response/" + id);
      c.disconnect();
    }

    @Test
    void anAssignedClientIdIsReturned_MQTT_3_2_2_16() {
      Mqtt5BlockingClient c =
          MqttClient.builder()
              .useMqttVersion5()
              .serverHost("127.0.0.1")
              .serverPort(broker.port())
              .buildBlocking();
      Mqtt5ConnAck ack = c.connect();
      assertThat(ack.getAssignedClientIdentifier()).isPresent();
      assertThat(ack.getAssignedClientIdentifier().get().toString()).startsWith("auto-");
      c.disconnect();
    }
  }

  @Nested
  class WithLimitsConfigured {
    @RegisterExtension
    final BrokerExtension broker =
        BrokerExtension.withConfig(
            b -> b.retainAvailable(false).maxKeepalive(30).maxTopicAlias(0).maxPacketSize(4096));

    @Test
    void theConfiguredValuesAreTold() {
      Mqtt5BlockingClient c =
          HiveV5Client.builder(broker.port(), Names.clientId("connack-cfg")).buildBlocking();
      Mqtt5ConnAck ack = c.connectWith().keepAlive(60).send();
      Mqtt5ConnAckRestrictions r = ack.getRestrictions();
      assertThat(r.isRetainAvailable()).isFalse();
      assertThat(r.getTopicAliasMaximum()).isZero();
      assertThat(r.getMaximumPacketSize()).isEqualTo(4096);
      assertThat(ack.getServerKeepAlive()).hasValue(30); // [MQTT-3.2.2-21]
      c.disconnect();
    }
  }
}
