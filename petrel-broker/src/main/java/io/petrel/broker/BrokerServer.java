package io.petrel.broker;

import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.connection.BrokerContext;
import io.petrel.broker.observe.BrokerCounters;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.session.SessionRegistry;
import io.petrel.broker.session.SessionSettings;
import io.petrel.broker.store.Stores;
import io.petrel.broker.transport.EventLoops;
import io.petrel.broker.transport.Listeners;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the broker's parts together and owns their lifecycle. */
final class BrokerServer {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);
  private final BrokerConfig config;
  private final BrokerContext context;
  private final EventLoops loops;
  private final Listeners listeners;

  private BrokerServer(
      BrokerConfig config, BrokerContext context, EventLoops loops, Listeners listeners) {
    this.config = config;
    this.context = context;
    this.loops = loops;
    this.listeners = listeners;
  }

  static BrokerServer start(BrokerConfig config, Stores stores) {
    BrokerCounters counters = new BrokerCounters();
    PublishRouter router =
        new PublishRouter(config.wildcardSyntax(), stores.retained(), config.retainAvailable());
    SessionSettings settings =
        new SessionSettings(
            config.maxQueuedMessages(), config.maxInflightMessages(), config.queueQos0Messages());
    SessionRegistry sessions = new SessionRegistry(settings, router, counters, stores.sessions());
    BrokerContext context = new BrokerContext(config, sessions, router, counters);
    EventLoops loops = new EventLoops(Runtime.getRuntime().availableProcessors());
    try {
      int restored = sessions.restore(loops.workers());
      if (restored > 0) {
        LOG.info("Restored {} persistent session(s)", restored);
      }
      return new BrokerServer(config, context, loops, Listeners.bind(loops, context));
    } catch (RuntimeException e) {
      loops.close();
      throw e;
    }
  }

  List<InetSocketAddress> boundAddresses() {
    return listeners.addresses();
  }

  BrokerConfig config() {
    return config;
  }

  BrokerContext context() {
    return context;
  }

  void close() {
    listeners.close();
    loops.close();
  }
}
