package io.petrel.broker.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What one listener lets in.
 *
 * @param maxConnections connections open at once on the listener; -1 for no limit ({@code
 *     max_connections}, Mosquitto's meaning: 0 lets nobody in)
 * @param maxConnectRate new connections per second from one IP address; -1 for no limit ({@code
 *     max_connect_rate}, Petrel's own). A reconnect storm beyond it is refused at accept time,
 *     before it costs a TLS handshake or a session.
 * @param allowAnonymous whether clients without a username may connect here; set with {@code
 *     allow_anonymous} after the {@code listener} line when {@code per_listener_settings} is true,
 *     else empty and the global {@code allow_anonymous} applies
 */
public record ListenerLimits(
    int maxConnections, int maxConnectRate, Optional<Boolean> allowAnonymous) {
  public static final int UNLIMITED = -1;

  /** No limits: the default, as in Mosquitto. */
  public static final ListenerLimits NONE = new ListenerLimits(UNLIMITED, UNLIMITED);

  /** Limits without a listener-specific anonymous setting: the global one applies. */
  public ListenerLimits(int maxConnections, int maxConnectRate) {
    this(maxConnections, maxConnectRate, Optional.empty());
  }

  public ListenerLimits {
    Objects.requireNonNull(allowAnonymous, "allowAnonymous");
    if (maxConnections < UNLIMITED) {
      throw new IllegalArgumentException("maxConnections must be -1 (no limit) or more");
    }
    if (maxConnectRate < UNLIMITED || maxConnectRate == 0) {
      throw new IllegalArgumentException("maxConnectRate must be -1 (no limit) or 1 or more");
    }
  }

  public boolean limitsConnections() {
    return maxConnections != UNLIMITED;
  }

  public boolean limitsConnectRate() {
    return maxConnectRate != UNLIMITED;
  }
}
