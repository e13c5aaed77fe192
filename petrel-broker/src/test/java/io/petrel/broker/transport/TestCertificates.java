package io.petrel.broker.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Certificates made at test time, so that no key or certificate is committed: a CA, a server
 * certificate for 127.0.0.1 and localhost, client certificates signed by the CA and one signed by a
 * CA nobody trusts. PEM files go to a directory the test owns (a {@code @TempDir}), with the server
 * key in every form the broker reads: PKCS#8, PKCS#1 and both encrypted.
 */
public final class TestCertificates {
  /** The password of the encrypted key files. */
  public static final String KEY_PASSWORD = "s3cret-petrel";

  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final Path dir;
  private final Identity ca;
  private final Identity server;
  private final Identity untrustedCa;

  /** A certificate with its private key. */
  public record Identity(X509Certificate certificate, PrivateKey key) {}

  private TestCertificates(Path dir, Identity ca, Identity server, Identity untrustedCa) {
    this.dir = dir;
    this.ca = ca;
    this.server = server;
    this.untrustedCa = untrustedCa;
  }

  /** Makes the CA and the server certificate and writes their PEM files to {@code dir}. */
  public static TestCertificates create(Path dir) {
    Identity ca = selfSignedCa("Petrel Test CA");
    Identity untrusted = selfSignedCa("Untrusted Test CA");
    TestCertificates certificates =
        new TestCertificates(dir, ca, issue(ca, "localhost", true), untrusted);
    certificates.writeFiles();
    return certificates;
  }

  /** A new server certificate from the same CA, written over the server's files. */
  public X509Certificate renewServerCertificate() {
    Identity renewed = issue(ca, "localhost", true);
    TestCertificates next = new TestCertificates(dir, ca, renewed, untrustedCa);
    next.writeFiles();
    return renewed.certificate();
  }

  public Identity ca() {
    return ca;
  }

  public Identity server() {
    return server;
  }

  /** A client certificate with subject {@code CN=commonName} signed by the trusted CA. */
  public Identity client(String commonName) {
    return issue(ca, commonName, false);
  }

  /** A client certificate signed by a CA that {@link #caFile()} does not hold. */
  public Identity untrustedClient(String commonName) {
    return issue(untrustedCa, commonName, false);
  }

  public Path caFile() {
    return dir.resolve("ca.pem");
  }

  public Path serverCertFile() {
    return dir.resolve("server.pem");
  }

  /** The server key as PKCS#8, {@code BEGIN PRIVATE KEY}. */
  public Path serverKeyFile() {
    return dir.resolve("server.key");
  }

  /** The server key as PKCS#1, {@code BEGIN RSA PRIVATE KEY}. */
  public Path serverPkcs1KeyFile() {
    return dir.resolve("server-pkcs1.key");
  }

  /** The server key as encrypted PKCS#8 (AES-256-CBC), password {@link #KEY_PASSWORD}. */
  public Path serverEncryptedKeyFile() {
    return dir.resolve("server-encrypted.key");
  }

  /** The server key as OpenSSL's legacy encrypted PKCS#1, password {@link #KEY_PASSWORD}. */
  public Path serverEncryptedPkcs1KeyFile() {
    return dir.resolve("server-encrypted-pkcs1.key");
  }

  /** Trusts the test CA only. */
  public TrustManagerFactory trustManagerFactory() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", ca.certificate());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Presents {@code identity} as the client's certificate. */
  public static KeyManagerFactory keyManagerFactory(Identity identity) {
    try {
      char[] password = "test".toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "client", identity.key(), password, new X509Certificate[] {identity.certificate()});
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client's TLS context that trusts the test CA and presents {@code identity}, if given. */
  public SSLContext clientContext(Identity identity) {
    return clientContext(keyManagerFactory(identity));
  }

  /** A client's TLS context that trusts the test CA and presents no certificate. */
  public SSLContext clientContext() {
    return clientContext((KeyManagerFactory) null);
  }

  private SSLContext clientContext(KeyManagerFactory keys) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys == null ? null : keys.getKeyManagers(),
          trustManagerFactory().getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code identity} as a certificate file and a PKCS#8 key file; returns both. */
  public Path[] writeIdentity(Identity identity, String name) {
    Path cert = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + ".key");
    writePem(cert, identity.certificate());
    writePem(key, pkcs8(identity.key()));
    return new Path[] {cert, key};
  }

  private void writeFiles() {
    writePem(caFile(), ca.certificate());
    writePem(serverCertFile(), server.certificate());
    writePem(serverKeyFile(), pkcs8(server.key()));
    // JcaPEMWriter writes an RSA key as PKCS#1, the traditional OpenSSL form.
    writePem(serverPkcs1KeyFile(), server.key());
    try {
      writePem(
          serverEncryptedKeyFile(),
          new JcaPKCS8Generator(
              server.key(),
              new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                  .setProvider(BOUNCY_CASTLE)
                  .setPassword(KEY_PASSWORD.toCharArray())
                  .build()));
      writePem(
          serverEncryptedPkcs1KeyFile(),
          new JcaMiscPEMGenerator(
              server.key(),
              new JcePEMEncryptorBuilder("AES-256-CBC")
                  .setProvider(BOUNCY_CASTLE)
                  .build(KEY_PASSWORD.toCharArray())));
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PemObjectGenerator pkcs8(PrivateKey key) {
    try {
      return new JcaPKCS8Generator(key, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writePem(Path file, Object object) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      if (object instanceof PemObjectGenerator generator) {
        pem.writeObject(generator);
      } else {
        pem.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Identity selfSignedCa(String name) {
    KeyPair keys = rsaKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    try {
      X509v3CertificateBuilder builder = builder(subject, subject, keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new Identity(sign(builder, keys.getPrivate()), keys.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Identity issue(Identity issuer, String commonName, boolean serverNames) {
    KeyPair keys = rsaKeyPair();
    X500Name issuerName =
        X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    try {
      X509v3CertificateBuilder builder =
          builder(issuerName, new X500Name("CN=" + commonName), keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (serverNames) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.dNSName, "localhost"),
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
      }
      return new Identity(sign(builder, issuer.key()), keys.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(2))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
    try {
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
