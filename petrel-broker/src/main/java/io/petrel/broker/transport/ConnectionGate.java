package io.petrel.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.petrel.broker.config.ListenerLimits;
import io.petrel.broker.connection.Disconnector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's limits, applied on the event loop that accepts, to each new connection before it
 * is registered with a worker: a refused connection is closed at once and costs no pipeline, no TLS
 * handshake and no session, so a reconnect storm cannot starve the broker.
 */
final class ConnectionGate extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);

  private final String listener;
  private final ListenerLimits limits;
  private final Optional<ConnectRateLimiter> rate;
  // Decremented on the workers when connections close.
  private final AtomicInteger open = new AtomicInteger();
  // One listener for every connection rather than a lambda each.
  private final ChannelFutureListener closed = f -> open.decrementAndGet();
  private long lastFullLog;
  private boolean fullLogged;
  private int refusedWhileFull;

  ConnectionGate(String listener, ListenerLimits limits) {
    this.listener = listener;
    this.limits = limits;
    this.rate =
        limits.limitsConnectRate()
            ? Optional.of(new ConnectRateLimiter(limits.maxConnectRate()))
            : Optional.empty();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel child = (Channel) msg;
    long now = System.nanoTime();
    if (limits.limitsConnections() && open.get() >= limits.maxConnections()) {
      logFull(child, now);
      refuse(child);
      return;
    }
    InetAddress source = sourceOf(child);
    if (rate.isPresent() && source != null && !rate.get().tryAcquire(source, now)) {
      int refused = rate.get().refusalsToLog(source, now);
      if (refused > 0) {
        LOG.warn(
            "Refused {} connection(s) from {} on listener {}: more than max_connect_rate {} new"
                + " connections per second (logged at most every 10 s per address)",
            refused,
            source.getHostAddress(),
            listener,
            limits.maxConnectRate());
      }
      refuse(child);
      return;
    }
    if (limits.limitsConnections()) {
      // Counted only when limited: a close listener costs every connection about 60 bytes.
      open.incrementAndGet();
      child.closeFuture().addListener(closed);
    }
    ctx.fireChannelRead(child);
  }

  private void logFull(Channel child, long now) {
    refusedWhileFull++;
    if (fullLogged && now - lastFullLog < ConnectRateLimiter.LOG_INTERVAL_NANOS) {
      return;
    }
    LOG.warn(
        "Refused {} connection(s) on listener {} (the last from {}): max_connections {} are open"
            + " (logged at most every 10 s)",
        refusedWhileFull,
        listener,
        Disconnector.address(child.remoteAddress()),
        limits.maxConnections());
    refusedWhileFull = 0;
    lastFullLog = now;
    fullLogged = true;
  }

  /** Closes a connection that was accepted but never registered with an event loop. */
  private static void refuse(Channel child) {
    child.unsafe().closeForcibly();
  }

  private static InetAddress sourceOf(Channel child) {
    return child.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
