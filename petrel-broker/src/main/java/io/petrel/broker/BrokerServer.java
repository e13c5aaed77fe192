package io.petrel.broker;

import io.petrel.broker.auth.EnhancedAuthenticators;
import io.petrel.broker.auth.ScramSha256Authenticator;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the broker's parts together and owns their lifecycle. */
final class BrokerServer {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);
  private static final long RETAINED_SWEEP_SECONDS = 60;
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
        new PublishRouter(
            config.wildcardSyntax(),
            stores.retained(),
            config.retainAvailable(),
            config.sharedSubscriptionStrategy());
    SessionSettings settings =
        new SessionSettings(
            config.maxQueuedMessages(), config.maxInflightMessages(), config.queueQos0Messages());
    SessionRegistry sessions = new SessionRegistry(settings, router, counters, stores.sessions());
    EnhancedAuthenticators authenticators =
        config
            .users()
            .map(users -> EnhancedAuthenticators.of(new ScramSha256Authenticator(users)))
            .orElse(EnhancedAuthenticators.NONE);
    BrokerContext context = new BrokerContext(config, sessions, router, counters, authenticators);
    EventLoops loops = new EventLoops(config.effectiveIoThreads());
    try {
      int restored = sessions.restore(loops.workers());
      if (restored > 0) {
        LOG.info("Restored {} persistent session(s)", restored);
      }
      // Expired retained messages are also dropped when a subscription looks at them; this sweep
      // frees those on topics nobody subscribes to again.
      loops
          .boss()
          .scheduleAtFixedRate(
              stores.retained()::removeExpired,
              RETAINED_SWEEP_SECONDS,
              RETAINED_SWEEP_SECONDS,
              TimeUnit.SECONDS);
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
