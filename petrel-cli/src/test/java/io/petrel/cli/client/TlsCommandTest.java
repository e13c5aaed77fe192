package io.petrel.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.TlsSettings;
import io.petrel.broker.store.Stores;
import io.petrel.cli.client.Cli.Result;
import io.petrel.cli.client.Cli.Running;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** pub and sub over TLS: trust, host name checks and their error lines. */
@Timeout(60)
class TlsCommandTest {
  @TempDir static Path dir;

  private static Broker broker;
  private static Path certificate;
  private static String port;

  /** A self-signed certificate for the name "localhost" only, made at test time. */
  @BeforeAll
  static void startTlsBroker() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair keys = g.generateKeyPair();
    X500Name name = new X500Name("CN=localhost");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(1, ChronoUnit.HOURS)),
            Date.from(now.plus(1, ChronoUnit.DAYS)),
            name,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    certificate = dir.resolve("server.pem");
    Path key = dir.resolve("server.key");
    Files.writeString(certificate, pem(cert));
    Files.writeString(key, pem(keys.getPrivate()));
    broker =
        Broker.start(
            BrokerConfig.builder()
                .listeners(
                    List.of(ListenerConfig.loopback(0).withTls(TlsSettings.of(certificate, key))))
                .allowAnonymous(true)
                .build(),
            Stores.inMemory());
    port = Integer.toString(broker.port());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static String pem(Object o) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  @Test
  void withTheCaFileAndTheRightNameMessagesFlowOverTls() throws Exception {
    String url = "mqtts://localhost:" + port;
    Running sub =
        Cli.start(
            Cli.sub(Map.of()),
            "--url",
            url,
            "--cafile",
            certificate.toString(),
            "-t",
            "tls",
            "-C",
            "1",
            "-d");
    sub.subscribed(1);

    Result pub =
        Cli.run(
            Cli.pub(Map.of()),
            "--url",
            url,
            "--cafile",
            certificate.toString(),
            "-t",
            "tls",
            "-m",
            "secret");

    assertThat(pub.exit()).as(pub.err()).isZero();
    assertThat(sub.result().out()).isEqualTo("secret\n");
  }

  @Test
  void anUntrustedChainIsATrustFailureInOneLine() {
    Result pub =
        Cli.run(Cli.pub(Map.of()), "--url", "mqtts://localhost:" + port, "-t", "t", "-m", "m");

    assertThat(pub)
        .isEqualTo(
            new Result(
                3,
                "",
                "pub: TLS trust failure: the certificate chain of localhost:"
                    + port
                    + " could not be verified (give its CA with --cafile)\n"));
  }

  @Test
  void aCertificateForAnotherNameIsRefusedUnlessInsecure() {
    String[] args = {
      "-h", "127.0.0.1", "-p", port, "--cafile", certificate.toString(), "-t", "t", "-m", "m"
    };

    Result checked = Cli.run(Cli.pub(Map.of()), args);
    assertThat(checked.exit()).isEqualTo(3);
    assertThat(checked.err())
        .isEqualTo(
            "pub: TLS: the certificate of 127.0.0.1:"
                + port
                + " does not name the host 127.0.0.1 (connect by the name it has, or --insecure for a"
                + " test broker)\n");

    String[] insecure = java.util.Arrays.copyOf(args, args.length + 1);
    insecure[args.length] = "--insecure";
    Result unchecked = Cli.run(Cli.pub(Map.of()), insecure);
    assertThat(unchecked.exit()).as(unchecked.err()).isZero();
  }
}
