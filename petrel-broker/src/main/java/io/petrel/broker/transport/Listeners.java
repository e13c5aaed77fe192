package io.petrel.broker.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.petrel.broker.BrokerStartException;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.ListenerProtocol;
import io.petrel.broker.connection.BrokerContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds the configured listeners and closes them again. */
public final class Listeners implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final EventLoops loops;
  private final ConnectionTracker connections = new ConnectionTracker();
  private final List<Channel> serverChannels = new ArrayList<>();

  private Listeners(EventLoops loops) {
    this.loops = loops;
  }

  /**
   * Binds every listener, or none: if one fails, those already bound are closed.
   *
   * @throws BrokerStartException naming the address that could not be bound
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

  private void bindOne(ListenerConfig config, BrokerContext broker) {
    if (config.protocol() != ListenerProtocol.MQTT) {
      throw new BrokerStartException(
          "listener " + config.port() + ": protocol " + config.protocol() + " is not supported yet",
          null);
    }
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops.boss(), loops.workers())
            .channel(loops.serverChannelClass())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, broker.config().tcpNoDelay())
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(32 * 1024, 64 * 1024))
            .childHandler(new BrokerChannelInitializer(broker, connections));
    InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
    try {
      Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
      serverChannels.add(channel);
      LOG.debug("Bound {} ({})", channel.localAddress(), loops.transportName());
    } catch (Exception e) {
      throw new BrokerStartException(
          "cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(),
          e);
    }
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
    for (Channel c : serverChannels) {
      c.close().awaitUninterruptibly();
    }
    connections.closeAll();
  }
}
