package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientConfig;
import com.hivemq.client.mqtt.mqtt5.auth.Mqtt5EnhancedAuthMechanism;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5Auth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5AuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import io.petrel.broker.auth.InMemoryUserStore;
import io.petrel.broker.auth.ScramClient;
import io.petrel.codec.Auth;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ReasonCode;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enhanced authentication (MQTT 5.0 section 4.12) with SCRAM-SHA-256, driven by the HiveMQ MQTT 5
 * client's enhanced-auth hook and by raw packets for the protocol errors.
 */
class EnhancedAuthIT {
  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withConfig(
          b -> b.users(new InMemoryUserStore().add("alice", "wonderland".toCharArray())));

  private static final String METHOD = "SCRAM-SHA-256";

  /** HiveMQ's hook, speaking SCRAM-SHA-256 through the test SCRAM client. */
  private static final class Scram implements Mqtt5EnhancedAuthMechanism {
    private final String user;
    private final String password;
    private ScramClient scram;
    volatile boolean serverVerified;
    volatile boolean reauthenticated;

    Scram(String user, String password) {
      this.user = user;
      this.password = password;
    }

    @Override
    public MqttUtf8String getMethod() {
      return MqttUtf8String.of(METHOD);
    }

    @Override
    public int getTimeout() {
      return 10;
    }

    @Override
    public CompletableFuture<Void> onAuth(
        Mqtt5ClientConfig config, Mqtt5Connect connect, Mqtt5EnhancedAuthBuilder builder) {
      scram = ScramClient.withRandomNonce(user, password);
      builder.data(scram.clientFirstMessage());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> onReAuth(Mqtt5ClientConfig config, Mqtt5AuthBuilder builder) {
      scram = ScramClient.withRandomNonce(user, password);
      builder.data(scram.clientFirstMessage());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> onContinue(
        Mqtt5ClientConfig config, Mqtt5Auth auth, Mqtt5AuthBuilder builder) {
      builder.data(scram.clientFinalMessage(bytes(auth.getData().orElseThrow())));
      return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<Boolean> onAuthSuccess(Mqtt5ClientConfig config, Mqtt5ConnAck ack) {
      serverVerified =
          scram.serverFinalIsValid(bytes(ack.getEnhancedAuth().orElseThrow().getData().get()));
      return CompletableFuture.completedFuture(serverVerified);
    }

    @Override
    public CompletableFuture<Boolean> onReAuthSuccess(Mqtt5ClientConfig config, Mqtt5Auth auth) {
      reauthenticated = scram.serverFinalIsValid(bytes(auth.getData().orElseThrow()));
      return CompletableFuture.completedFuture(reauthenticated);
    }

    @Override
    public void onAuthRejected(Mqtt5ClientConfig config, Mqtt5ConnAck ack) {}

    @Override
    public void onReAuthRejected(Mqtt5ClientConfig config, Mqtt5Disconnect disconnect) {}

    @Override
    public void onAuthError(Mqtt5ClientConfig config, Throwable cause) {}

    @Override
    public void onReAuthError(Mqtt5ClientConfig config, Throwable cause) {}

    private static byte[] bytes(ByteBuffer buffer) {
      byte[] b = new byte[buffer.remaining()];
      buffer.duplicate().get(b);
      return b;
    }
  }

  private static Mqtt5BlockingClient client(Scram scram) {
    return HiveV5Client.builder(BROKER.port(), Names.clientId("scram"))
        .enhancedAuth(scram)
        .buildBlocking();
  }

  @Test
  void theRightPasswordConnectsAndTheServerProvesItKnowsIt() {
    Scram scram = new Scram("alice", "wonderland");
    Mqtt5BlockingClient c = client(scram);
    Mqtt5ConnAck ack = c.connect();
    assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
    assertThat(ack.getEnhancedAuth().orElseThrow().getMethod().toString()).isEqualTo(METHOD);
    assertThat(scram.serverVerified).isTrue(); // v=ServerSignature checked by the client
    c.disconnect();
  }

  @Test
  void aWrongPasswordIsRefused() {
    Mqtt5BlockingClient c = client(new Scram("alice", "looking-glass"));
    assertThatThrownBy(c::connect)
        .isInstanceOfSatisfying(
            Mqtt5ConnAckException.class,
            e ->
                assertThat(e.getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
  }

  @Test
  void anUnknownUserIsRefusedJustLikeAWrongPassword() {
    Mqtt5BlockingClient c = client(new Scram("mallory", "wonderland"));
    assertThatThrownBy(c::connect)
        .isInstanceOfSatisfying(
            Mqtt5ConnAckException.class,
            e ->
                assertThat(e.getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
  }

  @Test
  void theClientCanReauthenticate_MQTT_4_12_1_1() throws Exception {
    Scram scram = new Scram("alice", "wonderland");
    Mqtt5BlockingClient c = client(scram);
    c.connect();
    c.toAsync().reauth().get(10, TimeUnit.SECONDS);
    assertThat(scram.reauthenticated).isTrue();
    assertThat(c.getState().isConnected()).isTrue();
    c.disconnect();
  }

  @Test
  void anUnknownMethodIsRefusedWith0x8C_MQTT_4_12_0_1() {
    try (RawMqttClient raw = RawMqttClient.open(BROKER.port())) {
      raw.send(
          V5Bytes.connect(
              Names.clientId("scram-method"),
              MqttProperties.builder()
                  .string(PropertyId.AUTHENTICATION_METHOD, "KERBEROS")
                  .build()));
      RawPacket connAck = raw.read();
      assertThat(connAck.type()).isEqualTo(MqttBytes.CONNACK);
      assertThat(connAck.body()[1] & 0xFF).isEqualTo(0x8C);
      raw.awaitClosed();
    }
  }

  @Test
  void onlyAuthMayFollowAConnectThatStartedAnExchange_MQTT_3_1_2_30() {
    ScramClient scram = ScramClient.withRandomNonce("alice", "wonderland");
    try (RawMqttClient raw = RawMqttClient.open(BROKER.port())) {
      raw.send(
          V5Bytes.connect(
              Names.clientId("scram-early"),
              MqttProperties.builder()
                  .string(PropertyId.AUTHENTICATION_METHOD, METHOD)
                  .binary(PropertyId.AUTHENTICATION_DATA, Bytes.wrap(scram.clientFirstMessage()))
                  .build()));
      RawPacket challenge = raw.read();
      assertThat(challenge.type()).isEqualTo(0xF0); // AUTH 0x18 with the server-first-message
      raw.send(MqttBytes.pingreq()); // PINGREQ before the exchange finished
      RawPacket refusal = raw.read();
      assertThat(refusal.type()).isEqualTo(MqttBytes.CONNACK);
      assertThat(refusal.body()[1] & 0xFF).isEqualTo(0x82);
    }
  }

  @Test
  void authWithoutAMethodInConnectIsAProtocolError_MQTT_4_12_0_7() {
    try (RawMqttClient raw =
        V5Bytes.connected(BROKER.port(), Names.clientId("scram-none"), MqttProperties.EMPTY)) {
      raw.send(
          V5Bytes.encode(
              new Auth(
                  ReasonCode.REAUTHENTICATE,
                  MqttProperties.builder()
                      .string(PropertyId.AUTHENTICATION_METHOD, METHOD)
                      .build())));
      assertThat(V5Bytes.disconnectReason(raw.read())).isEqualTo(0x82);
      raw.awaitClosed();
    }
  }
}
