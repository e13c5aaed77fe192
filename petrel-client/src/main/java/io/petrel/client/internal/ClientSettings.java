package io.petrel.client.internal;

import io.netty.handler.ssl.SslContext;
import io.petrel.client.ConnectionListener;
import io.petrel.client.MessageHandler;
import io.petrel.client.ReconnectPolicy;
import io.petrel.codec.Bytes;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Will;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a client was built with, checked and immutable.
 *
 * @param webSocketPath the HTTP path of the WebSocket endpoint; empty for plain MQTT over TCP
 * @param sslContext the TLS context; empty without TLS
 */
public record ClientSettings(
    String host,
    int port,
    String clientId,
    Optional<String> username,
    Optional<Bytes> password,
    ProtocolVersion version,
    boolean cleanStart,
    long sessionExpirySeconds,
    int keepAliveSeconds,
    Optional<Will> will,
    Optional<SslContext> sslContext,
    Optional<String> webSocketPath,
    ReconnectPolicy reconnect,
    int offlineBufferSize,
    Optional<Path> inflightStore,
    Duration connectTimeout,
    int maxPacketSize,
    Optional<MessageHandler> fallbackHandler,
    Optional<ConnectionListener> connectionListener) {

  /** The address as people write it, {@code host:port}, with the scheme for WebSocket. */
  public String address() {
    if (webSocketPath.isPresent()) {
      return (sslContext.isPresent() ? "wss://" : "ws://")
          + hostForUri()
          + ":"
          + port
          + webSocketPath.get();
    }
    return (sslContext.isPresent() ? "ssl://" : "tcp://") + hostForUri() + ":" + port;
  }

  private String hostForUri() {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
