package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with PEM CA, client certificate and key against Mosquitto, which requires a client
 * certificate here. Skipped when Mosquitto is not installed.
 */
class TlsTest {
  private static final char[] PASSWORD = "s3cret".toCharArray();

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued client;
  private static Mosquitto mosquitto;

  @BeforeAll
  static void startMosquitto() throws Exception {
    Mosquitto.assumeInstalled();
    pki = TestPki.create();
    // The server certificate names localhost only, not 127.0.0.1: see the hostname tests.
    TestPki.Issued server = pki.issueServer("localhost");
    client = pki.client("petrel-client");
    Files.writeString(dir.resolve("ca.pem"), pki.ca.certificatePem());
    Files.writeString(dir.resolve("server.pem"), server.certificatePem());
    Files.writeString(dir.resolve("server.key"), TestPki.pkcs8(server.keys().getPrivate()));
    Files.writeString(dir.resolve("client.pem"), client.certificatePem());
    Files.writeString(
        dir.resolve("client.key"), TestPki.pkcs8Encrypted(client.keys().getPrivate(), PASSWORD));
    mosquitto =
        Mosquitto.start(
            dir,
            "cafile "
                + dir.resolve("ca.pem")
                + "\n"
                + "certfile "
                + dir.resolve("server.pem")
                + "\n"
                + "keyfile "
                + dir.resolve("server.key")
                + "\n"
                + "require_certificate true\n");
    Assumptions.assumeTrue(mosquitto.running(), "Mosquitto would not start: " + mosquitto.log());
  }

  @AfterAll
  static void stopMosquitto() throws Exception {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  private static PetrelClient.Builder builder(String host, TlsOptions tls) {
    return PetrelClient.builder()
        .host(host)
        .port(mosquitto.port())
        .tls(tls)
        .reconnect(ReconnectPolicy.disabled())
        .connectTimeout(Duration.ofSeconds(5));
  }

  @Test
  void connectsWithAnEncryptedPkcs8KeyFromFilesAndSendsAndListens() throws Exception {
    TlsOptions tls =
        TlsOptions.builder()
            .caCertificateFile(dir.resolve("ca.pem"))
            .clientCertificateFile(dir.resolve("client.pem"))
            .clientKeyFile(dir.resolve("client.key"))
            .keyPassword(PASSWORD)
            .build();
    try (BlockingClient c = builder("localhost", tls).buildBlocking()) {
      c.connect();
      Inbox inbox = new Inbox();
      c.subscribe("tls/#", QoS.EXACTLY_ONCE, inbox);
      c.publish("tls/t", "secure".getBytes(UTF_8), QoS.EXACTLY_ONCE, false);
      await().atMost(Duration.ofSeconds(5)).until(() -> inbox.size() == 1);
      assertThat(inbox.payloads()).containsExactly("secure");
    }
  }

  @Test
  void connectsWithAnEncryptedPkcs1KeyGivenAsPemTextOverMqtt311() throws Exception {
    TlsOptions tls =
        TlsOptions.builder()
            .caCertificatePem(pki.ca.certificatePem())
            .clientCertificatePem(client.certificatePem())
            .clientKeyPem(TestPki.pkcs1Encrypted(client.keys().getPrivate(), PASSWORD))
            .keyPassword(PASSWORD)
            .build();
    try (BlockingClient c =
        builder("localhost", tls).version(ProtocolVersion.MQTT_3_1_1).buildBlocking()) {
      assertThat(c.connect().sessionPresent()).isFalse();
      c.publish("tls/q1", "x".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
    }
  }

  @Test
  void hostnameVerificationRefusesACertificateThatDoesNotNameTheHost() {
    TlsOptions tls = options(true);
    try (BlockingClient c = builder("127.0.0.1", tls).buildBlocking()) {
      assertThatThrownBy(c::connect).isInstanceOf(MqttClientException.class);
      assertThat(c.isConnected()).isFalse();
    }
  }

  @Test
  void hostnameVerificationCanBeTurnedOffExplicitly() throws Exception {
    try (BlockingClient c = builder("127.0.0.1", options(false)).buildBlocking()) {
      c.connect();
      assertThat(c.isConnected()).isTrue();
    }
  }

  @Test
  void aBrokerCertificateFromAnUntrustedCaFailsTheConnect() throws Exception {
    TestPki other = TestPki.create();
    TlsOptions tls =
        TlsOptions.builder()
            .caCertificatePem(other.ca.certificatePem())
            .clientCertificatePem(client.certificatePem())
            .clientKeyPem(TestPki.pkcs8(client.keys().getPrivate()))
            .build();
    try (BlockingClient c = builder("localhost", tls).buildBlocking()) {
      assertThatThrownBy(c::connect).isInstanceOf(MqttClientException.class);
    }
  }

  private static TlsOptions options(boolean verifyHostname) {
    try {
      return TlsOptions.builder()
          .caCertificatePem(pki.ca.certificatePem())
          .clientCertificatePem(client.certificatePem())
          .clientKeyPem(TestPki.pkcs1(client.keys().getPrivate()))
          .hostnameVerification(verifyHostname)
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
