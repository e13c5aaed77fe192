package io.petrel.cli.client;

import io.petrel.client.TlsOptions;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * Where the broker is, how to reach it and who to log in as: host, port, URL, TLS and credentials,
 * with Mosquitto's names. The one declaration of these flags: {@code petrel pub}, {@code sub} and
 * {@code profile add} get them through {@link ConnectionOptions}, {@code petrel bench} as a mixin
 * of its own. A field left null was not given, so that a profile's value shows through.
 */
public class EndpointOptions {
  @Option(
      names = {"-h", "--host"},
      paramLabel = "HOST",
      description = "Broker host (default localhost; bench: 127.0.0.1).")
  String host;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "Broker port (default 1883; 8883 with TLS; 80, 443 for ws, wss).")
  Integer port;

  @Option(
      names = {"-L", "--url"},
      paramLabel = "URL",
      description =
          "mqtt://host:port, mqtts://host:port, ws://host:port/path or wss://host:port/path,"
              + " optionally with user:password@: sets host, port, TLS and WebSocket at once.")
  String url;

  @Option(
      names = {"-u", "--username"},
      paramLabel = "USER",
      description = "User name.")
  String username;

  @Option(
      names = {"-P", "--pw"},
      paramLabel = "PASSWORD",
      description = "Password.")
  String password;

  @Option(
      names = "--tls",
      description = "Use TLS, trusting the JDK's CAs unless --cafile is given.")
  Boolean tls;

  @Option(
      names = "--cafile",
      paramLabel = "FILE",
      description = "PEM file of the CA certificates to trust; turns TLS on.")
  Path caFile;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description = "PEM client certificate (with its chain); needs --key; turns TLS on.")
  Path cert;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "PEM private key of --cert: PKCS#1 or PKCS#8, plain or encrypted.")
  Path key;

  @Option(
      names = "--key-password",
      paramLabel = "PASSWORD",
      description = "Password of an encrypted --key.")
  String keyPassword;

  @Option(
      names = "--insecure",
      description =
          "Do not check that the broker's certificate names the host (the chain is still"
              + " verified). For test brokers only; turns TLS on.")
  Boolean insecure;

  /** Whether any flag asks for TLS by itself (a URL aside). */
  boolean tlsFlags() {
    return Boolean.TRUE.equals(tls)
        || caFile != null
        || cert != null
        || key != null
        || Boolean.TRUE.equals(insecure);
  }

  /** The checks that need no profile: contradictions within the command line itself. */
  void check() {
    if (url != null && (host != null || port != null)) {
      throw CliFailure.usage("--url already gives the host and port: drop -h/-p or --url");
    }
    if (url != null && tlsFlags() && !MqttUrl.parse(url).tls()) {
      throw CliFailure.usage(
          "--url " + url + " is not TLS but TLS options were given: use mqtts:// or wss://");
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw CliFailure.usage("-p must be 1 to 65535: " + port);
    }
    if ((cert == null) != (key == null)) {
      throw CliFailure.usage("--cert and --key go together");
    }
    if (keyPassword != null && key == null) {
      throw CliFailure.usage("--key-password needs --key");
    }
  }

  /**
   * The broker these flags name, for a command that has no profiles ({@code petrel bench}); {@code
   * -u} and {@code -P} win over a URL's {@code user:password@}.
   *
   * @param defaultHost the host when neither {@code -h} nor {@code --url} gives one
   * @throws CliFailure a usage failure for contradicting flags or an unreadable PEM file
   */
  public Endpoint resolve(String defaultHost) {
    check();
    String h = defaultHost;
    Integer p = port;
    boolean secure = tlsFlags();
    Optional<String> webSocketPath = Optional.empty();
    Optional<String> user = Optional.empty();
    Optional<String> pass = Optional.empty();
    if (url != null) {
      MqttUrl parsed = MqttUrl.parse(url);
      user = parsed.username();
      pass = parsed.password();
      h = parsed.host();
      p = parsed.port().isPresent() ? parsed.port().getAsInt() : null;
      secure = secure || parsed.tls();
      webSocketPath = parsed.webSocketPath();
    }
    if (host != null) {
      h = host;
    }
    int effectivePort = p != null ? p : MqttUrl.defaultPort(secure, webSocketPath.isPresent());
    String keyPass = keyPassword;
    Optional<TlsOptions> tlsOptions =
        secure
            ? Optional.of(
                tlsOptions(
                    caFile,
                    cert,
                    key,
                    keyPass == null ? null : () -> keyPass,
                    Boolean.TRUE.equals(insecure)))
            : Optional.empty();
    if (username != null) {
      user = Optional.of(username);
    }
    if (password != null) {
      pass = Optional.of(password);
    }
    return new Endpoint(h, effectivePort, webSocketPath, tlsOptions, user, pass);
  }

  /** The client's TLS options from PEM files; a file that cannot be read is a usage failure. */
  static TlsOptions tlsOptions(
      Path caFile, Path cert, Path key, Supplier<String> keyPassword, boolean insecure) {
    TlsOptions.Builder t = TlsOptions.builder().hostnameVerification(!insecure);
    try {
      if (caFile != null) {
        t.caCertificateFile(caFile);
      }
      if (cert != null) {
        t.clientCertificateFile(cert);
        t.clientKeyFile(key);
      }
    } catch (UncheckedIOException e) {
      throw CliFailure.usage(
          e.getMessage()
              + (e.getCause() instanceof NoSuchFileException
                  ? ": no such file"
                  : ": " + e.getCause().getMessage()));
    }
    if (keyPassword != null) {
      t.keyPassword(keyPassword.get().toCharArray());
    }
    return t.build();
  }
}
