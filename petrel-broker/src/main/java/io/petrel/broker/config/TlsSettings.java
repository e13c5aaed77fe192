package io.petrel.broker.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on a listener, from PEM files. A listener with TLS accepts only TLS connections, as in
 * Mosquitto. The files are read when the listener opens and again whenever they change.
 *
 * @param certFile the server certificate, followed by its chain ({@code certfile})
 * @param keyFile the server's private key, PKCS#1 or PKCS#8, maybe encrypted ({@code keyfile})
 * @param keyPassword the password of an encrypted key ({@code keyfile_password}, Petrel's own)
 * @param caFile the CA certificates client certificates are checked against ({@code cafile})
 * @param requireCertificate whether clients must present a certificate signed by a CA in {@code
 *     caFile} ({@code require_certificate})
 * @param useIdentityAsUsername whether the subject CN of the client's certificate becomes its
 *     username ({@code use_identity_as_username}); needs {@code requireCertificate}
 * @param minVersion the oldest TLS version accepted ({@code tls_version}; default TLS 1.2)
 */
public record TlsSettings(
    Path certFile,
    Path keyFile,
    Optional<String> keyPassword,
    Optional<Path> caFile,
    boolean requireCertificate,
    boolean useIdentityAsUsername,
    TlsVersion minVersion) {

  public TlsSettings {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(keyPassword, "keyPassword");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(minVersion, "minVersion");
    if (requireCertificate && caFile.isEmpty()) {
      throw new IllegalArgumentException("requireCertificate needs a caFile");
    }
    if (useIdentityAsUsername && !requireCertificate) {
      throw new IllegalArgumentException("useIdentityAsUsername needs requireCertificate");
    }
  }

  /** TLS 1.2 and 1.3 with this certificate and key; clients need no certificate. */
  public static TlsSettings of(Path certFile, Path keyFile) {
    return new TlsSettings(
        certFile, keyFile, Optional.empty(), Optional.empty(), false, false, TlsVersion.TLS_1_2);
  }

  public TlsSettings withKeyPassword(String password) {
    return new TlsSettings(
        certFile,
        keyFile,
        Optional.of(password),
        caFile,
        requireCertificate,
        useIdentityAsUsername,
        minVersion);
  }

  /** Clients must present a certificate signed by a CA in {@code file}. */
  public TlsSettings requiringClientCertificates(Path file) {
    return new TlsSettings(
        certFile, keyFile, keyPassword, Optional.of(file), true, useIdentityAsUsername, minVersion);
  }

  public TlsSettings withIdentityAsUsername() {
    return new TlsSettings(
        certFile, keyFile, keyPassword, caFile, requireCertificate, true, minVersion);
  }

  public TlsSettings withMinVersion(TlsVersion version) {
    return new TlsSettings(
        certFile, keyFile, keyPassword, caFile, requireCertificate, useIdentityAsUsername, version);
  }

  /** Keeps the key password out of logs and test reports. */
  @Override
  public String toString() {
    return "TlsSettings[certFile="
        + certFile
        + ", keyFile="
        + keyFile
        + ", keyPassword="
        + keyPassword.map(p -> "***")
        + ", caFile="
        + caFile
        + ", requireCertificate="
        + requireCertificate
        + ", useIdentityAsUsername="
        + useIdentityAsUsername
        + ", minVersion="
        + minVersion
        + "]";
  }
}
