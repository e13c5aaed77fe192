package io.petrel.broker.transport;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS implementation the listeners use: OpenSSL (BoringSSL, from netty-tcnative) where its
 * native library loads, else the JDK's. OpenSSL costs a fraction of the JDK engine's CPU per TLS
 * record, which is what small MQTT packets are made of (bench/RESULTS.md). The system property
 * {@code petrel.tls.engine=jdk} forces the JDK's, for a platform where BoringSSL misbehaves.
 */
final class TlsEngine {
  private static final Logger LOG = LoggerFactory.getLogger(TlsEngine.class);
  static final String PROPERTY = "petrel.tls.engine";

  private static volatile SslProvider chosen;

  private TlsEngine() {}

  static SslProvider provider() {
    SslProvider provider = chosen;
    if (provider == null) {
      provider = choose();
      chosen = provider;
    }
    return provider;
  }

  private static SslProvider choose() {
    String wanted = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    if (wanted.equals("jdk")) {
      LOG.info("TLS: the JDK's engine ({}=jdk)", PROPERTY);
      return SslProvider.JDK;
    }
    if (OpenSsl.isAvailable()) {
      LOG.info("TLS: OpenSSL ({})", OpenSsl.versionString());
      return SslProvider.OPENSSL;
    }
    LOG.info(
        "TLS: the JDK's engine; OpenSSL is not available here ({})",
        OpenSsl.unavailabilityCause().toString());
    return SslProvider.JDK;
  }
}
