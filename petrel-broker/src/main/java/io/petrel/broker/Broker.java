package io.petrel.broker;

import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.store.Stores;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A running Petrel broker, embeddable: {@code try (Broker b = Broker.start(config)) { ... }}.
 * {@link #start} returns once every listener is bound.
 */
public final class Broker implements AutoCloseable {
  private final BrokerServer server;

  private Broker(BrokerServer server) {
    this.server = server;
  }

  /**
   * Starts a broker and binds all its listeners.
   *
   * @throws BrokerStartException if a listener cannot be bound
   */
  public static Broker start(BrokerConfig config) {
    return start(config, Stores.inMemory());
  }

  /**
   * Starts a broker on the given stores; persistent sessions and retained messages already in them
   * are restored.
   *
   * @throws BrokerStartException if a listener cannot be bound
   */
  public static Broker start(BrokerConfig config, Stores stores) {
    return new Broker(BrokerServer.start(config, stores));
  }

  /**
   * The addresses the listeners are bound to, in config order; resolves port 0 to the real port.
   */
  public List<InetSocketAddress> boundAddresses() {
    return server.boundAddresses();
  }

  /** The port of the first listener. */
  public int port() {
    return boundAddresses().get(0).getPort();
  }

  public BrokerConfig config() {
    return server.config();
  }

  /** Closes the listeners and every connection; waits until they are closed. */
  @Override
  public void close() {
    server.close();
  }
}
