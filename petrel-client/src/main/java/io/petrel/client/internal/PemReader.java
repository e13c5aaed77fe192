package io.petrel.client.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMDecryptorProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads certificates and private keys from PEM text. The JDK reads X.509 certificates itself but no
 * PKCS#1 key and no encrypted key; Bouncy Castle reads those. Its provider is used as an object,
 * never registered, so the application's JCA setup is left alone.
 */
final class PemReader {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private PemReader() {}

  /**
   * Every certificate in the text, in order.
   *
   * @throws IllegalArgumentException if there is none or one is broken
   */
  static List<X509Certificate> certificates(String pem, String what) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.ISO_8859_1)))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("the " + what + " PEM holds no certificate");
      }
      return out;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "the " + what + " PEM is not a valid certificate: " + e.getMessage(), e);
    }
  }

  /**
   * The private key in the text: PKCS#1 ({@code RSA/EC PRIVATE KEY}, plain or with OpenSSL's {@code
   * Proc-Type: 4,ENCRYPTED}) or PKCS#8 ({@code PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY}).
   *
   * @param password the key's password, or null for a plain key
   * @throws IllegalArgumentException if there is no key, it needs a password that is missing, or
   *     the password is wrong
   */
  static PrivateKey privateKey(String pem, char[] password) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMEncryptedKeyPair encrypted) {
          PEMDecryptorProvider decryptor =
              new JcePEMDecryptorProviderBuilder().setProvider(BC).build(need(password));
          return converter.getPrivateKey(encrypted.decryptKeyPair(decryptor).getPrivateKeyInfo());
        } else if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          InputDecryptorProvider decryptor =
              new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(need(password));
          return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
        } else if (o instanceof PEMKeyPair pair) {
          // An EC key may come without its public key: read the private part only.
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        } else if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    } catch (PEMException | PKCSException e) {
      throw new IllegalArgumentException(
          "cannot read the client key (wrong password or broken PEM): " + e.getMessage(), e);
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalArgumentException("cannot read the client key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("the client key PEM holds no private key");
  }

  private static char[] need(char[] password) {
    if (password == null) {
      throw new IllegalArgumentException("the client key is encrypted: set its key password");
    }
    return password;
  }
}
