package io.petrel.broker;

import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.PersistenceSettings;
import io.petrel.broker.store.Stores;
import io.petrel.broker.store.rocksdb.RocksStore;
import io.petrel.broker.store.rocksdb.StoreException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A running Petrel broker, embeddable: {@code try (Broker b = Broker.start(config)) { ... }}.
 * {@link #start} returns once every listener is bound.
 */
public final class Broker implements AutoCloseable {
  private final BrokerServer server;
  // The store this broker opened itself, closed with it; null for stores the caller passed in.
  private final AutoCloseable ownedStore;

  private Broker(BrokerServer server, AutoCloseable ownedStore) {
    this.server = server;
    this.ownedStore = ownedStore;
  }

  /**
   * Starts a broker on the stores its config asks for (by default a durable store in {@code
   * ./data}) and binds all its listeners.
   *
   * @throws BrokerStartException if a listener cannot be bound
   * @throws StoreException if the store cannot be opened (in use, newer format, damaged)
   */
  public static Broker start(BrokerConfig config) {
    PersistenceSettings p = config.persistence();
    if (p.durability() == PersistenceSettings.Durability.MEMORY) {
      return start(config, Stores.inMemory());
    }
    RocksStore store =
        RocksStore.open(
            p.directory(),
            p.durability() == PersistenceSettings.Durability.SYNC
                ? RocksStore.Durability.SYNC
                : RocksStore.Durability.PERIODIC,
            p.syncIntervalMillis(),
            config.wildcardSyntax());
    try {
      return new Broker(BrokerServer.start(config, store.stores()), store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Starts a broker on the given stores; persistent sessions and retained messages already in them
   * are restored.
   *
   * @throws BrokerStartException if a listener cannot be bound
   */
  public static Broker start(BrokerConfig config, Stores stores) {
    return new Broker(BrokerServer.start(config, stores), null);
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

  /**
   * Reads the certificate and key files of every TLS listener again, for the connections opened
   * from now on; a listener whose files fail keeps its certificate and logs why. The files are also
   * checked for changes every few seconds, so this is for a signal such as SIGHUP.
   *
   * @return how many TLS listeners reloaded
   */
  public int reloadCertificates() {
    return server.reloadCertificates();
  }

  /**
   * Reads {@code password_file} and {@code acl_file} again, changed or not. New users apply to the
   * CONNECTs from now on (connections already open stay); new ACL rules apply to every check from
   * now on, for open connections too. A file that fails (unreadable, a malformed line) keeps what
   * there was and logs why. The files are also checked for changes every few seconds, so this is
   * for a signal such as SIGHUP.
   *
   * @return whether every file set was read; false also when the broker has neither file
   */
  public boolean reloadPasswords() {
    return server.reloadPasswords();
  }

  /** Closes the listeners and every connection; waits until they are closed. */
  @Override
  public void close() {
    server.close();
    if (ownedStore != null) {
      try {
        ownedStore.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the store failed", e);
      }
    }
  }
}
