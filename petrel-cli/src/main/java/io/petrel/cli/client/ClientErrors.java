package io.petrel.cli.client;

import io.petrel.client.MqttClientException;
import io.petrel.codec.ReasonCode;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what the client library throws into one line a user can act on, with its exit code: the
 * library's messages are right but name its internals; these name the fix. {@code petrel bench}
 * uses the TLS lines too.
 */
public final class ClientErrors {
  private ClientErrors() {}

  /**
   * @param e what failed
   * @param connection the settings, to name the broker and host
   * @param connecting true while connecting: a broker refusal then means credentials
   */
  static CliFailure describe(Throwable e, Connection connection, boolean connecting) {
    if (e instanceof CliFailure f) {
      return f;
    }
    String at = connection.host + ":" + connection.effectivePort();
    Optional<ReasonCode> code =
        e instanceof MqttClientException m ? m.reasonCode() : Optional.empty();
    if (code.isPresent()) {
      return refused(e, code.get(), at, connecting);
    }
    if (find(e, io.netty.channel.ConnectTimeoutException.class) != null
        || find(e, TimeoutException.class) != null
        || String.valueOf(e.getMessage()).startsWith("no CONNACK")
        || String.valueOf(e.getMessage()).contains("timed out")) {
      return new CliFailure(
          CliFailure.TIMEOUT,
          (connecting ? "timed out connecting to " : "timed out waiting for ") + at,
          e);
    }
    if (find(e, UnknownHostException.class) != null) {
      return new CliFailure(CliFailure.CANNOT_CONNECT, "unknown host " + connection.host, e);
    }
    if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null) {
      return new CliFailure(
          CliFailure.CANNOT_CONNECT, "connection refused: " + at + " (is a broker listening?)", e);
    }
    if (find(e, SSLException.class) != null || find(e, CertificateException.class) != null) {
      return tls(e, connection, at);
    }
    return new CliFailure(
        connecting ? CliFailure.CANNOT_CONNECT : CliFailure.FAILED,
        String.valueOf(e.getMessage()),
        e);
  }

  private static CliFailure refused(Throwable e, ReasonCode code, String at, boolean connecting) {
    String reason = e.getMessage();
    if (connecting) {
      switch (code) {
        case BAD_USER_NAME_OR_PASSWORD:
        case BAD_AUTHENTICATION_METHOD:
          return new CliFailure(
              CliFailure.REFUSED,
              "bad user name or password: the broker at " + at + " refused the connection",
              e);
        case NOT_AUTHORIZED:
        case BANNED:
          return new CliFailure(
              CliFailure.REFUSED,
              "not authorized: the broker at " + at + " refused the connection",
              e);
        default:
          return new CliFailure(CliFailure.REFUSED, reason, e);
      }
    }
    if (code == ReasonCode.NOT_AUTHORIZED) {
      return new CliFailure(CliFailure.FAILED, "not authorized: " + reason, e);
    }
    return new CliFailure(CliFailure.FAILED, reason, e);
  }

  private static CliFailure tls(Throwable e, Connection connection, String at) {
    return new CliFailure(CliFailure.CANNOT_CONNECT, tlsFailure(e, connection.host, at), e);
  }

  /**
   * A TLS failure in one line that names the fix: a certificate that does not name the host, a
   * chain that does not lead to a trusted CA, or else the handshake's own reason.
   *
   * @param e what the TLS layer threw (or what wraps it)
   * @param host the host connected to, which the certificate must name
   * @param at how to name the broker in the line, e.g. {@code broker:8883}
   * @return the line, or empty when {@code e} is not about TLS
   */
  public static Optional<String> tlsProblem(Throwable e, String host, String at) {
    if (find(e, SSLException.class) == null && find(e, CertificateException.class) == null) {
      return Optional.empty();
    }
    return Optional.of(tlsFailure(e, host, at));
  }

  private static String tlsFailure(Throwable e, String host, String at) {
    String all = messages(e).toLowerCase(Locale.ROOT);
    if (all.contains("subject alternative") || all.contains("no name matching")) {
      return "TLS: the certificate of "
          + at
          + " does not name the host "
          + host
          + " (connect by the name it has, or --insecure for a test broker)";
    }
    if (find(e, CertPathBuilderException.class) != null
        || find(e, CertPathValidatorException.class) != null
        || all.contains("pkix")
        || all.contains("certification path")) {
      return "TLS trust failure: the certificate chain of "
          + at
          + " could not be verified (give its CA with --cafile)";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "TLS handshake with " + at + " failed: " + root.getMessage();
  }

  private static String messages(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      b.append(t.getMessage()).append(' ');
    }
    return b.toString();
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
