package io.petrel.broker.transport;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads certificates and private keys from PEM files as OpenSSL (and so Mosquitto) writes them. The
 * JDK reads only unencrypted PKCS#8 keys; Bouncy Castle's parser also reads PKCS#1 ({@code BEGIN
 * RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}), encrypted PKCS#8 and OpenSSL's legacy encrypted
 * PEM.
 */
final class PemFiles {
  // Used for decryption only, and not registered: the keys themselves become JDK keys, which every
  // JSSE provider can sign with.
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
  private static final byte[] PROBE = "petrel key check".getBytes(StandardCharsets.US_ASCII);

  private PemFiles() {}

  /** Every certificate in {@code file}, in file order; at least one. */
  static List<X509Certificate> certificates(Path file, String key) throws TlsFileException {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = parser(file, key)) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException e) {
      throw new TlsFileException(
          key + " " + file + ": not a PEM certificate: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new TlsFileException(
          key + " " + file + ": no certificate in the file (expected -----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  /** The private key in {@code file} ({@code keyfile}), decrypted with {@code password}. */
  static PrivateKey privateKey(Path file, Optional<String> password) throws TlsFileException {
    String where = "keyfile " + file;
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = parser(file, "keyfile")) {
      Object object;
      while ((object = parser.readObject()) != null) {
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        } else if (object instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        } else if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          char[] secret = password(where, password);
          PrivateKeyInfo info =
              encrypted.decryptPrivateKeyInfo(
                  new JceOpenSSLPKCS8DecryptorProviderBuilder()
                      .setProvider(BOUNCY_CASTLE)
                      .build(secret));
          return converter.getPrivateKey(info);
        } else if (object instanceof PEMEncryptedKeyPair encrypted) {
          char[] secret = password(where, password);
          PEMKeyPair pair =
              encrypted.decryptKeyPair(
                  new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(secret));
          return converter.getKeyPair(pair).getPrivate();
        }
        // Anything else (EC PARAMETERS, a certificate in a combined file) is not the key.
      }
    } catch (PKCSException | OperatorCreationException e) {
      throw new TlsFileException(where + ": cannot decrypt the key; is keyfile_password right?", e);
    } catch (IOException e) {
      // Bouncy Castle reports a wrong password of a legacy encrypted key as an IOException.
      String why = password.isPresent() ? " (is keyfile_password right?)" : "";
      throw new TlsFileException(where + ": cannot read the key: " + e.getMessage() + why, e);
    }
    throw new TlsFileException(
        where + ": no private key in the file (expected -----BEGIN PRIVATE KEY----- or similar)");
  }

  /**
   * Fails unless {@code key} signs what {@code certificate}'s public key verifies: a certfile and
   * keyfile that do not belong together would otherwise fail only in every client's handshake.
   */
  static void checkKeyMatches(PrivateKey key, X509Certificate certificate, Path keyFile)
      throws TlsFileException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      return; // a key type the check does not know; the handshake will tell
    }
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(PROBE);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // A key of another type than the certificate's: the same answer as a mismatch.
    }
    throw new TlsFileException(
        "keyfile " + keyFile + ": the key does not belong to the first certificate in certfile");
  }

  private static char[] password(String where, Optional<String> password) throws TlsFileException {
    if (password.isEmpty()) {
      throw new TlsFileException(where + ": the key is encrypted; set keyfile_password");
    }
    return password.get().toCharArray();
  }

  private static PEMParser parser(Path file, String key) throws TlsFileException {
    try {
      Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
      return new PEMParser(reader);
    } catch (IOException e) {
      throw new TlsFileException(key + " " + file + ": cannot read the file: " + e, e);
    }
  }
}
