package io.petrel.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS settings from PEM: the CA certificate(s) to trust (the JDK's trust store when none is given),
 * an optional client certificate chain and its private key in PKCS#1 or PKCS#8, plain or encrypted
 * with a password. Each PEM can be given as a file or as its text, as connector UIs paste it.
 * Hostname verification is on unless turned off explicitly.
 *
 * <p>The PEMs are read and checked when the client is built; a bad one fails the build with an
 * {@link IllegalArgumentException} that says which one.
 */
public final class TlsOptions {
  private final String caCertificates;
  private final String clientCertificate;
  private final String clientKey;
  private final char[] keyPassword;
  private final boolean hostnameVerification;

  private TlsOptions(Builder b) {
    this.caCertificates = b.caCertificates;
    this.clientCertificate = b.clientCertificate;
    this.clientKey = b.clientKey;
    this.keyPassword = b.keyPassword == null ? null : b.keyPassword.clone();
    this.hostnameVerification = b.hostnameVerification;
    if ((clientCertificate == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "a client certificate needs its private key and the other way round");
    }
  }

  /** A builder with hostname verification on and nothing else set. */
  public static Builder builder() {
    return new Builder();
  }

  /** TLS with the JDK's trusted CAs, no client certificate, hostname verification on. */
  public static TlsOptions defaults() {
    return builder().build();
  }

  /** The PEM text of the CA certificates to trust, if set. */
  public Optional<String> caCertificates() {
    return Optional.ofNullable(caCertificates);
  }

  /** The PEM text of the client certificate chain, if set. */
  public Optional<String> clientCertificate() {
    return Optional.ofNullable(clientCertificate);
  }

  /** The PEM text of the client private key, if set. */
  public Optional<String> clientKey() {
    return Optional.ofNullable(clientKey);
  }

  /** A copy of the password of an encrypted client key, if set. */
  public Optional<char[]> keyPassword() {
    return Optional.ofNullable(keyPassword).map(char[]::clone);
  }

  /** Whether the broker's certificate must name the host connected to. */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  @Override
  public String toString() {
    return "TlsOptions[ca="
        + (caCertificates != null)
        + ", clientCertificate="
        + (clientCertificate != null)
        + ", keyPassword="
        + (keyPassword == null ? "" : "****")
        + ", hostnameVerification="
        + hostnameVerification
        + "]";
  }

  /** Builds {@link TlsOptions}. */
  public static final class Builder {
    private String caCertificates;
    private String clientCertificate;
    private String clientKey;
    private char[] keyPassword;
    private boolean hostnameVerification = true;

    private Builder() {}

    /**
     * Trusts the CA certificates in a PEM file instead of the JDK's trust store.
     *
     * @param file a PEM file with one or more certificates
     * @return this builder
     */
    public Builder caCertificateFile(Path file) {
      this.caCertificates = read(file, "CA certificate");
      return this;
    }

    /**
     * Trusts the CA certificates in PEM text instead of the JDK's trust store.
     *
     * @param pem one or more {@code -----BEGIN CERTIFICATE-----} blocks
     * @return this builder
     */
    public Builder caCertificatePem(String pem) {
      this.caCertificates = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * The client certificate (chain) from a PEM file, for brokers that require one.
     *
     * @param file a PEM file, the client certificate first
     * @return this builder
     */
    public Builder clientCertificateFile(Path file) {
      this.clientCertificate = read(file, "client certificate");
      return this;
    }

    /**
     * The client certificate (chain) as PEM text.
     *
     * @param pem the client certificate first, then any intermediates
     * @return this builder
     */
    public Builder clientCertificatePem(String pem) {
      this.clientCertificate = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * The client private key from a PEM file: PKCS#1 ({@code RSA PRIVATE KEY}, {@code EC PRIVATE
     * KEY}) or PKCS#8 ({@code PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY}).
     *
     * @param file the key file
     * @return this builder
     */
    public Builder clientKeyFile(Path file) {
      this.clientKey = read(file, "client key");
      return this;
    }

    /**
     * The client private key as PEM text, in any of the forms {@link #clientKeyFile} reads.
     *
     * @param pem the key
     * @return this builder
     */
    public Builder clientKeyPem(String pem) {
      this.clientKey = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * The password of an encrypted client key. The array is copied; the caller may clear its own.
     *
     * @param password the password
     * @return this builder
     */
    public Builder keyPassword(char[] password) {
      this.keyPassword = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /**
     * Turns hostname verification on (the default) or off. Off accepts any certificate the CAs
     * signed, whatever host it names: only for test brokers.
     *
     * @param verify whether to verify
     * @return this builder
     */
    public Builder hostnameVerification(boolean verify) {
      this.hostnameVerification = verify;
      return this;
    }

    /** The options; checks that a client certificate comes with its key. */
    public TlsOptions build() {
      TlsOptions options = new TlsOptions(this);
      if (keyPassword != null) {
        Arrays.fill(keyPassword, '\0');
        keyPassword = null;
      }
      return options;
    }

    private static String read(Path file, String what) {
      Objects.requireNonNull(file, "file");
      try {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the " + what + " file " + file, e);
      }
    }
  }
}
