package io.petrel.cli.client;

import io.petrel.client.TlsOptions;
import java.util.Optional;

/**
 * A broker as a command without profiles connects to it: host, port (the scheme's default filled
 * in), the WebSocket path if it is one, the TLS options if it uses TLS, and the credentials if it
 * logs in.
 */
public record Endpoint(
    String host,
    int port,
    Optional<String> webSocketPath,
    Optional<TlsOptions> tls,
    Optional<String> username,
    Optional<String> password) {

  /** The endpoint as a URL without credentials, e.g. {@code wss://127.0.0.1:8443/mqtt}. */
  public String url() {
    return MqttUrl.format(host, port, tls.isPresent(), webSocketPath);
  }
}
