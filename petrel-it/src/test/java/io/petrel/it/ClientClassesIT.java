package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Does {@code client_classes} confine IBM IoT devices, applications and gateways to their topic
 * spaces, and refuse a malformed class client id at CONNECT?
 */
class ClientClassesIT {
  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withConfig(b -> b.clientClasses(true).clientClassOrg("acme"));

  private static String unique(String prefix) {
    return prefix + Names.clientId("").replace("-", "");
  }

  private static int pahoSubscribe(PahoClient client, String filter) {
    try {
      return client.subscribe(filter, 1);
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  @Test
  void anApplicationReceivesTheEventsOfADevice() throws Exception {
    String type = unique("thermo");
    try (PahoClient app = PahoClient.connect(BROKER, "a:acme:" + unique("dash"));
        PahoClient device = PahoClient.connect(BROKER, "d:acme:" + type + ":t1")) {
      assertThat(pahoSubscribe(app, "iot-2/type/" + type + "/id/+/evt/+/fmt/+")).isEqualTo(1);
      device.publish("iot-2/type/" + type + "/id/t1/evt/temp/fmt/json", "{\"c\":21}", 1);

      Received event = app.awaitMessage();
      assertThat(event.topic()).isEqualTo("iot-2/type/" + type + "/id/t1/evt/temp/fmt/json");
      assertThat(event.payload()).isEqualTo("{\"c\":21}");
    }
  }

  @Test
  void aDeviceReceivesCommandsForItselfOnly() throws Exception {
    String type = unique("thermo");
    try (PahoClient app = PahoClient.connect(BROKER, "a:acme:" + unique("dash"));
        PahoClient t1 = PahoClient.connect(BROKER, "d:acme:" + type + ":t1")) {
      assertThat(pahoSubscribe(t1, "iot-2/type/" + type + "/id/t1/cmd/+/fmt/+")).isEqualTo(1);
      assertThat(pahoSubscribe(t1, "iot-2/type/" + type + "/id/t2/cmd/+/fmt/+")).isEqualTo(0x80);
      assertThat(pahoSubscribe(t1, "iot-2/type/+/id/+/evt/+/fmt/+")).isEqualTo(0x80);
      app.publish("iot-2/type/" + type + "/id/t1/cmd/reboot/fmt/json", "now", 1);
      assertThat(t1.awaitMessage().topic())
          .isEqualTo("iot-2/type/" + type + "/id/t1/cmd/reboot/fmt/json");
    }
  }

  @Test
  void aDevicePublishingOutsideItsTopicSpaceIsRefused() throws Exception {
    String type = unique("thermo");
    try (PahoClient app = PahoClient.connect(BROKER, "a:acme:" + unique("dash"))) {
      app.subscribe("iot-2/type/" + type + "/id/+/evt/+/fmt/+", 1);
      Mqtt5BlockingClient device = HiveV5Client.blocking(BROKER.port(), "d:acme:" + type + ":t1");
      device.connect();
      assertThat(
              AclIT.refusedPubAck(device, "iot-2/type/" + type + "/id/t2/evt/temp/fmt/json")
                  .getReasonCode()
                  .getCode())
          .isEqualTo(0x87);
      assertThat(AclIT.refusedPubAck(device, "elsewhere").getReasonCode().getCode())
          .isEqualTo(0x87);
      device
          .publishWith()
          .topic("iot-2/type/" + type + "/id/t1/evt/temp/fmt/json")
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      assertThat(app.awaitMessage().topic())
          .isEqualTo("iot-2/type/" + type + "/id/t1/evt/temp/fmt/json");
      assertThat(app.received()).hasSize(1);
      Mqtt5SubAck ack;
      try {
        ack = device.subscribeWith().topicFilter("#").send();
      } catch (Mqtt5SubAckException e) {
        ack = e.getMqttMessage();
      }
      assertThat(ack.getReasonCodes().get(0).getCode()).isEqualTo(0x87);
      device.disconnect();
    }
  }

  @Test
  void aGatewayPublishesEventsForTheDevicesBehindIt() throws Exception {
    String type = unique("thermo");
    try (PahoClient app = PahoClient.connect(BROKER, "a:acme:" + unique("dash"));
        PahoClient gateway = PahoClient.connect(BROKER, "g:acme:hub:" + unique("h"))) {
      app.subscribe("iot-2/type/" + type + "/id/+/evt/+/fmt/+", 1);
      assertThat(pahoSubscribe(gateway, "iot-2/type/+/id/+/cmd/+/fmt/+")).isEqualTo(1);
      gateway.publish("iot-2/type/" + type + "/id/behind/evt/temp/fmt/json", "19", 1);
      assertThat(app.awaitMessage().payload()).isEqualTo("19");
    }
  }

  @Test
  void aMalformedClassClientIdIsRefusedAtConnect() {
    assertThatThrownBy(() -> PahoClient.connect(BROKER, "d:acme:thermo"))
        .isInstanceOfSatisfying(
            MqttException.class,
            e ->
                assertThat(e.getReasonCode())
                    .isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
    Mqtt5BlockingClient wrongOrg = HiveV5Client.blocking(BROKER.port(), "a:evil:dash");
    assertThatThrownBy(wrongOrg::connect)
        .isInstanceOfSatisfying(
            Mqtt5ConnAckException.class,
            e ->
                assertThat(e.getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID));
  }
}
