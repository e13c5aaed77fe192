package io.petrel.broker.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps the log readable while someone guesses passwords: a failed login is logged at most once per
 * {@link #QUIET_NANOS} per source address, and the line that ends a quiet period says how many
 * failures went unlogged in it. Safe for concurrent use.
 */
public final class FailedLogins {
  static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

  // Addresses are forgotten once quiet; this bounds the map when many addresses fail at once.
  private static final int PRUNE_ABOVE = 4096;

  private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  public FailedLogins() {
    this(System::nanoTime);
  }

  FailedLogins(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Counts a failed login from {@code address}.
   *
   * @return empty if it is not to be logged; otherwise how many failures from the same address went
   *     unlogged since its last line
   */
  public OptionalLong failed(SocketAddress address) {
    long now = nanoClock.getAsLong();
    long[] unlogged = {-1};
    byAddress.compute(
        source(address),
        (key, window) -> {
          if (window == null || now - window.loggedAt() >= QUIET_NANOS) {
            unlogged[0] = window == null ? 0 : window.unlogged();
            return new Window(now, 0);
          }
          return new Window(window.loggedAt(), window.unlogged() + 1);
        });
    if (unlogged[0] < 0) {
      return OptionalLong.empty();
    }
    if (byAddress.size() > PRUNE_ABOVE) {
      byAddress.values().removeIf(w -> now - w.loggedAt() >= QUIET_NANOS);
    }
    return OptionalLong.of(unlogged[0]);
  }

  /** The IP address without the port: a client that reconnects gets a new port each time. */
  private static String source(SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(address);
  }

  private record Window(long loggedAt, long unlogged) {}
}
