package io.petrel.broker.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.ScheduledFuture;
import io.petrel.broker.BrokerStartException;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.TlsSettings;
import io.petrel.broker.connection.BrokerContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the configured listeners and closes them again. */
public final class Listeners implements AutoCloseable {
  /** How often the TLS files are checked for a renewed certificate. */
  static final long CERTIFICATE_CHECK_SECONDS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final EventLoops loops;
  private final ConnectionTracker connections = new ConnectionTracker();
  private final List<Channel> serverChannels = new ArrayList<>();
  private final List<ListenerTls> tlsListeners = new ArrayList<>();
  private final List<ScheduledFuture<?>> certificateChecks = new ArrayList<>();

  private Listeners(EventLoops loops) {
    this.loops = loops;
  }

  /**
   * Binds every listener, or none: if one fails, those already bound are closed.
   *
   * @throws BrokerStartException naming the address that could not be bound, or the TLS file that
   *     could not be used
   */
  public static Listeners bind(EventLoops loops, BrokerContext broker) {
    Listeners listeners = new Listeners(loops);
    try {
      for (ListenerConfig config : broker.config().listeners()) {
        listeners.bindOne(config, broker);
      }
      return listeners;
    } catch (RuntimeException e) {
      listeners.close();
      throw e;
    }
  }

  private static final AdaptiveRecvByteBufAllocator RECEIVE_BUFFERS =
      new AdaptiveRecvByteBufAllocator();

  private void bindOne(ListenerConfig config, BrokerContext broker) {
    Optional<ListenerTls> tls = openTls(config);
    ListenerPipeline pipeline = new ListenerPipeline(config, broker, tls);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops.workers(), loops.workers())
            .channel(loops.serverChannelClass())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .handler(new ConnectionGate(config.describe(), config.limits()))
            .childOption(ChannelOption.TCP_NODELAY, broker.config().tcpNoDelay())
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(32 * 1024, 64 * 1024))
            // One allocator for all: Netty's default is a new one per connection (32 bytes each).
            // It is only a factory for the per-connection handles, which keep the state.
            .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_BUFFERS)
            .childHandler(new BrokerChannelInitializer(pipeline, connections));
    InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
    try {
      Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
      serverChannels.add(channel);
      LOG.debug(
          "Bound {} ({}, {}{})",
          channel.localAddress(),
          loops.transportName(),
          config.protocol(),
          tls.isPresent() ? ", TLS" : "");
    } catch (Exception e) {
      throw new BrokerStartException(
          "cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(),
          e);
    }
    tls.ifPresent(this::watchCertificates);
  }

  private static Optional<ListenerTls> openTls(ListenerConfig config) {
    Optional<TlsSettings> settings = config.tls();
    if (settings.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ListenerTls.open(config.describe(), settings.get()));
    } catch (TlsFileException e) {
      throw new BrokerStartException("listener " + config.describe() + ": " + e.getMessage(), e);
    }
  }

  private void watchCertificates(ListenerTls tls) {
    tlsListeners.add(tls);
    // Off the client loops: a check is a few file stats; a reload happens once per renewal.
    certificateChecks.add(
        loops
            .housekeeping()
            .scheduleWithFixedDelay(
                tls::reloadIfChanged,
                CERTIFICATE_CHECK_SECONDS,
                CERTIFICATE_CHECK_SECONDS,
                TimeUnit.SECONDS));
  }

  /**
   * Reads the certificates and keys of every TLS listener again, changed or not, for connections
   * opened from now on (for SIGHUP). A listener whose files fail keeps its certificate.
   *
   * @return how many listeners reloaded
   */
  public int reloadCertificates() {
    int reloaded = 0;
    for (ListenerTls tls : tlsListeners) {
      if (tls.reload()) {
        reloaded++;
      }
    }
    return reloaded;
  }

  /** The bound addresses, in config order. */
  public List<InetSocketAddress> addresses() {
    List<InetSocketAddress> result = new ArrayList<>();
    for (Channel c : serverChannels) {
      result.add((InetSocketAddress) c.localAddress());
    }
    return result;
  }

  public int connectionCount() {
    return connections.size();
  }

  @Override
  public void close() {
    for (ScheduledFuture<?> check : certificateChecks) {
      check.cancel(false);
    }
    for (Channel c : serverChannels) {
      c.close().awaitUninterruptibly();
    }
    connections.closeAll();
  }
}
