package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.TlsSettings;
import io.petrel.broker.transport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Does a renewed certificate reach new connections without a restart, and a broken one not? */
class CertificateReloadIT {
  @TempDir static Path dir;
  private static TestCertificates certificates;

  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withListeners(
          () -> {
            certificates = TestCertificates.create(dir);
            return List.of(
                ListenerConfig.loopback(0)
                    .withTls(
                        TlsSettings.of(
                            certificates.serverCertFile(), certificates.serverKeyFile())));
          });

  private static X509Certificate presented() throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            certificates
                .clientContext()
                .getSocketFactory()
                .createSocket("127.0.0.1", BROKER.port())) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  @Test
  void replacedFilesAreSeenByTheNextConnectionWithinSeconds() throws Exception {
    X509Certificate before = presented();
    try (LogCapture log = LogCapture.of("io.petrel.broker.transport")) {
      X509Certificate renewed = certificates.renewServerCertificate();
      assertThat(renewed.getSerialNumber()).isNotEqualTo(before.getSerialNumber());

      await().atMost(Duration.ofSeconds(15)).until(() -> presented().equals(renewed));
      assertThat(log.messages()).anyMatch(m -> m.startsWith("Reloaded the TLS certificate"));
    }
    // A client over the renewed certificate works end to end.
    try (PahoClient client =
        PahoClient.connect(
            "ssl://127.0.0.1:" + BROKER.port(),
            Names.clientId("renewed"),
            o -> o.setSocketFactory(certificates.clientContext().getSocketFactory()))) {
      assertThat(client.isConnected()).isTrue();
    }
  }

  @Test
  void aReloadOnDemandTakesEffectAtOnce() throws Exception {
    X509Certificate renewed = certificates.renewServerCertificate();
    assertThat(BROKER.broker().reloadCertificates()).isEqualTo(1);
    assertThat(presented()).isEqualTo(renewed);
  }

  @Test
  void aBrokenFileKeepsTheOldCertificateAndSaysWhy() throws Exception {
    X509Certificate current = certificates.renewServerCertificate();
    BROKER.broker().reloadCertificates();
    Path saved = dir.resolve("server.pem.saved");
    Files.copy(certificates.serverCertFile(), saved);
    try (LogCapture log = LogCapture.of("io.petrel.broker.transport")) {
      Files.writeString(certificates.serverCertFile(), "not a certificate\n");
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(log.messages())
                      .anyMatch(
                          m ->
                              m.startsWith("Kept the TLS certificate")
                                  && m.contains("no certificate in the file")));
      assertThat(presented()).isEqualTo(current);
    } finally {
      Files.copy(
          saved, certificates.serverCertFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
