package io.petrel.broker.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One network listener.
 *
 * <p>A listener with protocol {@link ListenerProtocol#MQTT} (Mosquitto's default) tells from the
 * first bytes of each connection whether it speaks MQTT or WebSocket, so one port serves both; one
 * with {@link ListenerProtocol#WEBSOCKETS} accepts WebSocket only. With {@link #tls()} every
 * connection must start with TLS, and the same detection runs inside it (MQTT over TLS, WSS).
 *
 * @param bindAddress the address to bind; {@code 0.0.0.0} or {@code ::} for all interfaces
 * @param port the TCP port; 0 picks a free ephemeral port (tests)
 * @param protocol what the listener speaks ({@code protocol})
 * @param tls TLS settings, if the listener requires TLS ({@code certfile}, {@code keyfile}, ...)
 * @param websocketsPath the HTTP path of the WebSocket endpoint ({@code websockets_path}, Petrel's
 *     own; default {@code /mqtt})
 * @param limits connections and connect rate ({@code max_connections}, {@code max_connect_rate})
 */
public record ListenerConfig(
    String bindAddress,
    int port,
    ListenerProtocol protocol,
    Optional<TlsSettings> tls,
    String websocketsPath,
    ListenerLimits limits) {

  public static final String DEFAULT_WEBSOCKETS_PATH = "/mqtt";

  public ListenerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(websocketsPath, "websocketsPath");
    Objects.requireNonNull(limits, "limits");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
    if (!websocketsPath.startsWith("/")) {
      throw new IllegalArgumentException("websocketsPath must start with /: " + websocketsPath);
    }
  }

  /** A listener without TLS or limits. */
  public ListenerConfig(String bindAddress, int port, ListenerProtocol protocol) {
    this(
        bindAddress,
        port,
        protocol,
        Optional.empty(),
        DEFAULT_WEBSOCKETS_PATH,
        ListenerLimits.NONE);
  }

  /** MQTT (and WebSocket) on loopback, the safe default when there is no config file. */
  public static ListenerConfig loopback(int port) {
    return new ListenerConfig("127.0.0.1", port, ListenerProtocol.MQTT);
  }

  /** This listener on another address and port, with everything else kept. */
  public ListenerConfig at(String address, int newPort) {
    return new ListenerConfig(address, newPort, protocol, tls, websocketsPath, limits);
  }

  public ListenerConfig withProtocol(ListenerProtocol value) {
    return new ListenerConfig(bindAddress, port, value, tls, websocketsPath, limits);
  }

  public ListenerConfig withTls(TlsSettings value) {
    return new ListenerConfig(
        bindAddress, port, protocol, Optional.of(value), websocketsPath, limits);
  }

  public ListenerConfig withWebsocketsPath(String value) {
    return new ListenerConfig(bindAddress, port, protocol, tls, value, limits);
  }

  public ListenerConfig withLimits(ListenerLimits value) {
    return new ListenerConfig(bindAddress, port, protocol, tls, websocketsPath, value);
  }

  /** The address and port as the log shows them, e.g. {@code 0.0.0.0:8883}. */
  public String describe() {
    return bindAddress + ":" + port;
  }
}
