package io.petrel.cli.bench;

import io.netty.handler.ssl.SslContext;
import io.petrel.cli.client.Endpoint;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import java.util.Optional;

/**
 * A bench run's settings with every default resolved: what the command line asked for, in the form
 * the run uses.
 *
 * @param count messages per publisher; 0 when the run is timed by {@code durationSeconds}
 * @param durationSeconds measured publishing time (after the warmup), or listening time for sub
 * @param rate total messages per second across publishers; 0 for as fast as possible
 * @param clients --clients as given or defaulted; publishers and subscribers follow from it
 * @param connectRate new connections per second; 0 for as fast as possible
 * @param endpoint the broker: host, port, WebSocket path, TLS options
 * @param sslContext the client TLS context built once from {@code endpoint}'s options, if TLS
 */
record Settings(
    Scenario scenario,
    Endpoint endpoint,
    Optional<SslContext> sslContext,
    ProtocolVersion version,
    QoS qos,
    int payloadSize,
    long count,
    double durationSeconds,
    int rate,
    int clients,
    int publishers,
    int subscribers,
    String topic,
    int inflight,
    int threads,
    int connectRate,
    double holdSeconds,
    double warmupSeconds,
    String runId,
    boolean persistent) {

  /** Keep-alive on every connection; each client pings at half of it, so none is dropped idle. */
  static final int KEEP_ALIVE_SECONDS = 60;

  boolean byCount() {
    return count > 0;
  }

  /** Unique per run, so two runs or a leftover session never take each other's connections. */
  String clientId(String role, int index) {
    return "bench-" + runId + "-" + role + "-" + index;
  }

  String host() {
    return endpoint.host();
  }

  int port() {
    return endpoint.port();
  }

  Optional<String> webSocketPath() {
    return endpoint.webSocketPath();
  }

  /** tcp, tls, ws or wss. */
  String transport() {
    boolean webSocket = webSocketPath().isPresent();
    if (sslContext.isPresent()) {
      return webSocket ? "wss" : "tls";
    }
    return webSocket ? "ws" : "tcp";
  }

  /** host:port over plain TCP, the URL otherwise, for error lines. */
  String address() {
    return transport().equals("tcp") ? host() + ":" + port() : endpoint.url();
  }
}
