package io.petrel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Client keys in every PEM form connector users paste. */
class PemReaderTest {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final char[] PASSWORD = "pw".toCharArray();
  private static PrivateKey rsa;
  private static PrivateKey ec;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    rsa = g.generateKeyPair().getPrivate();
    KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
    e.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    KeyPair pair = e.generateKeyPair();
    ec = pair.getPrivate();
  }

  private static String pem(Object o, Object encryptor) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      if (encryptor == null) {
        w.writeObject(o);
      } else {
        w.writeObject(o, (org.bouncycastle.openssl.PEMEncryptor) encryptor);
      }
    }
    return out.toString();
  }

  @Test
  void readsPkcs1() throws Exception {
    String pem = pem(rsa, null);
    assertThat(pem).contains("BEGIN RSA PRIVATE KEY");
    assertThat(PemReader.privateKey(pem, null).getEncoded()).isEqualTo(rsa.getEncoded());
  }

  @Test
  void readsEncryptedPkcs1() throws Exception {
    String pem =
        pem(rsa, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(PASSWORD));
    assertThat(pem).contains("Proc-Type: 4,ENCRYPTED");
    assertThat(PemReader.privateKey(pem, PASSWORD).getEncoded()).isEqualTo(rsa.getEncoded());
  }

  @Test
  void readsPkcs8PlainAndEncrypted() throws Exception {
    String plain = pem(new JcaPKCS8Generator(rsa, null), null);
    String encrypted =
        pem(
            new JcaPKCS8Generator(
                rsa,
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(BC)
                    .setPassword(PASSWORD)
                    .build()),
            null);
    assertThat(plain).contains("BEGIN PRIVATE KEY");
    assertThat(encrypted).contains("BEGIN ENCRYPTED PRIVATE KEY");
    assertThat(PemReader.privateKey(plain, null).getEncoded()).isEqualTo(rsa.getEncoded());
    assertThat(PemReader.privateKey(encrypted, PASSWORD).getEncoded()).isEqualTo(rsa.getEncoded());
  }

  @Test
  void readsAnOpenSslStyleEcKey() throws Exception {
    // As `openssl ecparam -genkey -name prime256v1 -noout` writes it: SEC 1 with the curve named.
    var sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            256,
            ((java.security.interfaces.ECPrivateKey) ec).getS(),
            org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);
    String pem =
        pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()), null);
    assertThat(PemReader.privateKey(pem, null).getAlgorithm()).isIn("EC", "ECDSA");
  }

  @Test
  void anEncryptedKeyWithoutPasswordSaysSo() throws Exception {
    String pem =
        pem(rsa, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(PASSWORD));
    assertThatThrownBy(() -> PemReader.privateKey(pem, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set its key password");
  }

  @Test
  void aWrongPasswordSaysSo() throws Exception {
    String pem =
        pem(rsa, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(PASSWORD));
    assertThatThrownBy(() -> PemReader.privateKey(pem, "nope".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client key");
  }

  @Test
  void aCertificateWhereAKeyBelongsIsRefused() {
    assertThatThrownBy(() -> PemReader.privateKey("not a pem", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no private key");
    assertThatThrownBy(() -> PemReader.certificates("garbage", "CA certificate"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CA certificate");
  }
}
