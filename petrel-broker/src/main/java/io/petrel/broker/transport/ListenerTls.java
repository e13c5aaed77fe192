package io.petrel.broker.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.petrel.broker.config.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS context of one listener, rebuilt from its PEM files when they change, so that a renewed
 * certificate is used without a restart. New connections take the current context; open ones keep
 * theirs. A reload that fails keeps the old context and logs why.
 */
final class ListenerTls {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerTls.class);

  private final String listener;
  private final TlsSettings settings;
  // Written under this object's lock, read by every new connection without it.
  private volatile SslContext context;
  private List<FileStamp> stamps;

  private ListenerTls(
      String listener, TlsSettings settings, SslContext context, List<FileStamp> s) {
    this.listener = listener;
    this.settings = settings;
    this.context = context;
    this.stamps = s;
  }

  /**
   * Reads the files and builds the first context.
   *
   * @param listener the listener as the log names it
   */
  static ListenerTls open(String listener, TlsSettings settings) throws TlsFileException {
    List<FileStamp> stamps = stamps(settings);
    return new ListenerTls(listener, settings, build(settings), stamps);
  }

  SslContext context() {
    return context;
  }

  TlsSettings settings() {
    return settings;
  }

  /** Rebuilds the context if a file's modification time or size changed; the periodic check. */
  synchronized boolean reloadIfChanged() {
    List<FileStamp> now = stamps(settings);
    if (now.equals(stamps)) {
      return false;
    }
    // Remembered even if the reload fails: the next change of the files tries again, not every
    // check in between (a certificate written before its key fails once, then loads).
    stamps = now;
    return reload();
  }

  /** Rebuilds the context now, whether the files changed or not (e.g. on SIGHUP). */
  synchronized boolean reload() {
    try {
      context = build(settings);
      stamps = stamps(settings);
      LOG.info(
          "Reloaded the TLS certificate of listener {} from {}", listener, settings.certFile());
      return true;
    } catch (TlsFileException e) {
      LOG.warn(
          "Kept the TLS certificate of listener {}: reloading failed: {}",
          listener,
          e.getMessage());
      return false;
    }
  }

  private static SslContext build(TlsSettings settings) throws TlsFileException {
    List<X509Certificate> chain = PemFiles.certificates(settings.certFile(), "certfile");
    PrivateKey key = PemFiles.privateKey(settings.keyFile(), settings.keyPassword());
    PemFiles.checkKeyMatches(key, chain.get(0), settings.keyFile());
    SslContextBuilder builder =
        SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
            .sslProvider(TlsEngine.provider())
            .protocols(settings.minVersion().protocols());
    Optional<Path> caFile = settings.caFile();
    if (caFile.isPresent()) {
      builder.trustManager(
          PemFiles.certificates(caFile.get(), "cafile").toArray(X509Certificate[]::new));
    }
    // Mosquitto asks for a client certificate only with require_certificate true.
    builder.clientAuth(settings.requireCertificate() ? ClientAuth.REQUIRE : ClientAuth.NONE);
    try {
      return builder.build();
    } catch (SSLException | RuntimeException e) {
      throw new TlsFileException(
          "certfile " + settings.certFile() + ": cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static List<FileStamp> stamps(TlsSettings settings) {
    List<Path> files = new ArrayList<>(List.of(settings.certFile(), settings.keyFile()));
    settings.caFile().ifPresent(files::add);
    List<FileStamp> result = new ArrayList<>();
    for (Path file : files) {
      result.add(FileStamp.of(file));
    }
    return result;
  }

  /** What tells that a file changed; a missing file has neither time nor size. */
  private record FileStamp(Path file, Optional<FileTime> modified, long size) {
    static FileStamp of(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(file, Optional.of(a.lastModifiedTime()), a.size());
      } catch (IOException e) {
        return new FileStamp(file, Optional.empty(), -1);
      }
    }
  }
}
