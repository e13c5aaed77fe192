package io.petrel.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
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
 * TLS against Mosquitto, whose OpenSSL stack checks the client's handshake and certificate
 * independently of the JDK's ({@link TlsTest} covers Petrel's listener and the failure cases). It
 * requires a client certificate here. Skipped when Mosquitto is not installed.
 */
class MosquittoTlsTest {
  private static final char[] PASSWORD = "s3cret".toCharArray();

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued client;
  private static Mosquitto mosquitto;

  @BeforeAll
  static void startMosquitto() throws Exception {
    Mosquitto.assumeInstalled();
    pki = TestPki.create();
    client = pki.client("petrel-client");
    TestPki.ServerFiles server = pki.writeServerFiles(dir, "localhost");
    Files.writeString(dir.resolve("client.pem"), client.certificatePem());
    Files.writeString(
        dir.resolve("client.key"), TestPki.pkcs8Encrypted(client.keys().getPrivate(), PASSWORD));
    mosquitto =
        Mosquitto.start(
            dir,
            "cafile "
                + server.caCertificate()
                + "\n"
                + "certfile "
                + server.certificate()
                + "\n"
                + "keyfile "
                + server.key()
                + "\n"
                + "require_certificate true\n");
    Assumptions.assumeTrue(mosquitto.running(), "Mosquitto would not start: " + mosquitto.log());
  }

  @AfterAll
  static void stopMosquitto() {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  private static PetrelClient.Builder builder(TlsOptions tls) {
    return PetrelClient.builder()
        .host("localhost")
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
    try (BlockingClient c = builder(tls).buildBlocking()) {
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
    try (BlockingClient c = builder(tls).version(ProtocolVersion.MQTT_3_1_1).buildBlocking()) {
      assertThat(c.connect().sessionPresent()).isFalse();
      c.publish("tls/q1", "x".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
    }
  }
}
