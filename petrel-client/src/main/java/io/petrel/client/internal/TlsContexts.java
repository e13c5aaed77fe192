package io.petrel.client.internal;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.petrel.client.TlsOptions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;

/** Turns {@link TlsOptions} into a Netty client {@link SslContext}. */
public final class TlsContexts {
  private TlsContexts() {}

  /**
   * Builds the context: trust the given CAs (or the JDK's), present the client certificate if there
   * is one, verify the broker's host name unless told not to.
   *
   * @throws IllegalArgumentException if a PEM is bad or the key does not open
   */
  public static SslContext create(TlsOptions options) {
    SslContextBuilder builder = SslContextBuilder.forClient();
    options
        .caCertificates()
        .ifPresent(
            pem ->
                builder.trustManager(
                    PemReader.certificates(pem, "CA certificate").toArray(new X509Certificate[0])));
    if (options.clientCertificate().isPresent()) {
      List<X509Certificate> chain =
          PemReader.certificates(options.clientCertificate().get(), "client certificate");
      char[] password = options.keyPassword().orElse(null);
      try {
        PrivateKey key = PemReader.privateKey(options.clientKey().orElseThrow(), password);
        builder.keyManager(key, chain.toArray(new X509Certificate[0]));
      } finally {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
      }
    }
    // Netty 4.2 verifies by default; saying it keeps the choice visible and explicit.
    builder.endpointIdentificationAlgorithm(options.hostnameVerification() ? "HTTPS" : null);
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
