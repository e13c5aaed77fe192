package io.petrel.client;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and the certificates a TLS test needs, made at test time: no key is ever
 * committed.
 */
final class TestPki {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A key and the certificate issued for it. */
  record Issued(KeyPair keys, X509Certificate certificate) {
    String certificatePem() {
      return pem(certificate);
    }
  }

  final Issued ca;

  private TestPki(Issued ca) {
    this.ca = ca;
  }

  static TestPki create() throws Exception {
    KeyPair keys = rsa();
    X500Name name = new X500Name("CN=Petrel Test CA");
    X509v3CertificateBuilder b = builder(name, name, keys);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    return new TestPki(new Issued(keys, sign(b, keys.getPrivate())));
  }

  /** The PEM files of a TLS listener. */
  record ServerFiles(Path caCertificate, Path certificate, Path key) {}

  /**
   * Writes this CA's certificate, and a new server certificate naming only {@code host} with its
   * PKCS#8 key, to {@code dir}.
   */
  ServerFiles writeServerFiles(Path dir, String host) throws Exception {
    Issued server = issueServer(host);
    return new ServerFiles(
        Files.writeString(dir.resolve("ca.pem"), ca.certificatePem()),
        Files.writeString(dir.resolve("server.pem"), server.certificatePem()),
        Files.writeString(dir.resolve("server.key"), pkcs8(server.keys().getPrivate())));
  }

  /** A server certificate naming only this DNS host. */
  Issued issueServer(String host) throws Exception {
    return issue(host, KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.dNSName, host));
  }

  Issued client(String cn) throws Exception {
    return issue(cn, KeyPurposeId.id_kp_clientAuth);
  }

  private Issued issue(String cn, KeyPurposeId purpose, GeneralName... names) throws Exception {
    KeyPair keys = rsa();
    X509v3CertificateBuilder b =
        builder(new X500Name("CN=Petrel Test CA"), new X500Name("CN=" + cn), keys);
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        utils.createAuthorityKeyIdentifier(ca.certificate()));
    if (names.length > 0) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    return new Issued(keys, sign(b, ca.keys().getPrivate()));
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(1, ChronoUnit.HOURS)),
        Date.from(now.plus(1, ChronoUnit.DAYS)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static String pem(Object o) {
    try {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(out)) {
        w.writeObject(o);
      }
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code -----BEGIN RSA PRIVATE KEY-----}. */
  static String pkcs1(PrivateKey key) {
    return pem(key);
  }

  /** {@code -----BEGIN RSA PRIVATE KEY-----} with {@code Proc-Type: 4,ENCRYPTED}. */
  static String pkcs1Encrypted(PrivateKey key, char[] password) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(key, new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).build(password));
    }
    return out.toString();
  }

  /** {@code -----BEGIN PRIVATE KEY-----}. */
  static String pkcs8(PrivateKey key) throws Exception {
    return pem(new JcaPKCS8Generator(key, null));
  }

  /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}. */
  static String pkcs8Encrypted(PrivateKey key, char[] password) throws Exception {
    var encryptor =
        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
            .setProvider(BC)
            .setPassword(password)
            .build();
    return pem(new JcaPKCS8Generator(key, encryptor));
  }
}
