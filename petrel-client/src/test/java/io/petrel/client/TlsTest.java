package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.TlsSettings;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS against Petrel's own TLS listener, which requires a client certificate signed by the test CA
 * ({@code require_certificate true}). The broker's certificate names localhost only, not 127.0.0.1,
 * so the host the client dials decides whether hostname verification passes.
 */
class TlsTest {
  private static final char[] PASSWORD = "s3cret".toCharArray();

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued client;
  private static TestBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    pki = TestPki.create();
    client = pki.client("petrel-client");
    TestPki.ServerFiles server = pki.writeServerFiles(dir, "localhost");
    broker =
        TestBroker.start(
            ListenerConfig.loopback(0)
                .withTls(
                    TlsSettings.of(server.certificate(), server.key())
                        .requiringClientCertificates(server.caCertificate())));
    Files.writeString(dir.resolve("client.pem"), client.certificatePem());
    Files.writeString(
        dir.resolve("client.key"), TestPki.pkcs8Encrypted(client.keys().getPrivate(), PASSWORD));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  /** The PEM forms a client key may come in. */
  enum KeyForm {
    PKCS8,
    PKCS8_ENCRYPTED,
    PKCS1,
    PKCS1_ENCRYPTED;

    String pem(PrivateKey key) throws Exception {
      return switch (this) {
        case PKCS8 -> TestPki.pkcs8(key);
        case PKCS8_ENCRYPTED -> TestPki.pkcs8Encrypted(key, PASSWORD);
        case PKCS1 -> TestPki.pkcs1(key);
        case PKCS1_ENCRYPTED -> TestPki.pkcs1Encrypted(key, PASSWORD);
      };
    }

    boolean encrypted() {
      return this == PKCS8_ENCRYPTED || this == PKCS1_ENCRYPTED;
    }
  }

  private static PetrelClient.Builder builder(String host, TlsOptions tls) {
    return PetrelClient.builder()
        .host(host)
        .port(broker.port())
        .tls(tls)
        .reconnect(ReconnectPolicy.disabled())
        .connectTimeout(Duration.ofSeconds(5));
  }

  /** Trusts the test CA and presents the client certificate with its key as plain PKCS#1. */
  private static TlsOptions.Builder trustedClient() {
    return TlsOptions.builder()
        .caCertificatePem(pki.ca.certificatePem())
        .clientCertificatePem(client.certificatePem())
        .clientKeyPem(TestPki.pkcs1(client.keys().getPrivate()));
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

  @ParameterizedTest
  @EnumSource(KeyForm.class)
  void connectsWithTheClientKeyInEachPemForm(KeyForm form) throws Exception {
    TlsOptions.Builder tls = trustedClient().clientKeyPem(form.pem(client.keys().getPrivate()));
    if (form.encrypted()) {
      tls.keyPassword(PASSWORD);
    }
    try (BlockingClient c = builder("localhost", tls.build()).buildBlocking()) {
      c.connect();
      assertThat(c.isConnected()).isTrue();
    }
  }

  @Test
  void connectsWithAnEncryptedPkcs1KeyOverMqtt311() throws Exception {
    TlsOptions tls =
        trustedClient()
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
    try (BlockingClient c = builder("127.0.0.1", trustedClient().build()).buildBlocking()) {
      assertThatThrownBy(c::connect)
          .isInstanceOf(MqttClientException.class)
          .hasRootCauseInstanceOf(CertificateException.class);
      assertThat(c.isConnected()).isFalse();
    }
  }

  @Test
  void hostnameVerificationCanBeTurnedOffExplicitly() throws Exception {
    TlsOptions tls = trustedClient().hostnameVerification(false).build();
    try (BlockingClient c = builder("127.0.0.1", tls).buildBlocking()) {
      c.connect();
      assertThat(c.isConnected()).isTrue();
    }
  }

  @Test
  void aBrokerCertificateFromAnUntrustedCaFailsTheConnect() throws Exception {
    TestPki other = TestPki.create();
    TlsOptions tls = trustedClient().caCertificatePem(other.ca.certificatePem()).build();
    try (BlockingClient c = builder("localhost", tls).buildBlocking()) {
      assertThatThrownBy(c::connect)
          .isInstanceOf(MqttClientException.class)
          .hasRootCauseInstanceOf(CertPathValidatorException.class);
      assertThat(c.isConnected()).isFalse();
    }
  }

  @Test
  void theBrokerRefusesAClientWithoutACertificate() {
    TlsOptions tls = TlsOptions.builder().caCertificatePem(pki.ca.certificatePem()).build();
    try (BlockingClient c = builder("localhost", tls).buildBlocking()) {
      // The alert, or a reset when it races the CONNECT: either way the connect fails at once.
      assertThatThrownBy(c::connect)
          .isInstanceOf(MqttClientException.class)
          .hasMessageStartingWith("the connection to ");
      assertThat(c.isConnected()).isFalse();
    }
  }

  @Test
  void theBrokerRefusesAClientCertificateFromAnotherCa() throws Exception {
    TestPki.Issued stranger = TestPki.create().client("stranger");
    TlsOptions tls =
        trustedClient()
            .clientCertificatePem(stranger.certificatePem())
            .clientKeyPem(TestPki.pkcs8(stranger.keys().getPrivate()))
            .build();
    try (BlockingClient c = builder("localhost", tls).buildBlocking()) {
      // The alert, or a reset when it races the CONNECT: either way the connect fails at once.
      assertThatThrownBy(c::connect)
          .isInstanceOf(MqttClientException.class)
          .hasMessageStartingWith("the connection to ");
      assertThat(c.isConnected()).isFalse();
    }
  }
}
