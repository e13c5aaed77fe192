package io.petrel.cli.client;

import io.petrel.codec.ProtocolVersion;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where and how to connect: the flags {@code petrel pub}, {@code petrel sub} and {@code petrel
 * profile add} share, with Mosquitto's names. A field left null was not given, so that a profile's
 * value shows through.
 */
public final class ConnectionOptions {
  @Option(
      names = {"-h", "--host"},
      paramLabel = "HOST",
      description = "Broker host (default localhost).")
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
      names = {"-V", "--protocol-version"},
      paramLabel = "VERSION",
      converter = VersionConverter.class,
      description = "mqttv5 (default) or mqttv311; mqttv31 is not supported by the client.")
  ProtocolVersion version;

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
}
