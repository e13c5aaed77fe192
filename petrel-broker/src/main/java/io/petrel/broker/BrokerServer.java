package io.petrel.broker;

import io.petrel.broker.auth.EnhancedAuthenticators;
import io.petrel.broker.auth.PasswordFileAuthenticator;
import io.petrel.broker.auth.PasswordFileException;
import io.petrel.broker.auth.ScramSha256Authenticator;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.connection.BrokerContext;
import io.petrel.broker.connection.FailedLogins;
import io.petrel.broker.observe.BrokerCounters;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.session.SessionRegistry;
import io.petrel.broker.session.SessionSettings;
import io.petrel.broker.store.Stores;
import io.petrel.broker.transport.EventLoops;
import io.petrel.broker.transport.Listeners;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
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
    Optional<PasswordFileAuthenticator> passwords = openPasswordFile(config);
    BrokerCounters counters = new BrokerCounters();
    PublishRouter router =
        new PublishRouter(
            config.wildcardSyntax(),
            stores.retained(),
            config.retainAvailable(),
            config.sharedSubscriptionStrategy(),
            stores.messages());
    SessionSettings settings =
        new SessionSettings(
            config.maxQueuedMessages(), config.maxInflightMessages(), config.queueQos0Messages());
    SessionRegistry sessions =
        new SessionRegistry(settings, router, counters, stores.sessions(), stores.messages());
    EnhancedAuthenticators authenticators =
        config
            .users()
            .map(users -> EnhancedAuthenticators.of(new ScramSha256Authenticator(users)))
            .orElse(EnhancedAuthenticators.NONE);
    BrokerContext context =
        new BrokerContext(
            config, sessions, router, counters, authenticators, passwords, new FailedLogins());
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
      passwords.ifPresent(p -> p.watch(PasswordFileAuthenticator.CHECK_INTERVAL));
      return new BrokerServer(config, context, loops, Listeners.bind(loops, context));
    } catch (RuntimeException e) {
      passwords.ifPresent(PasswordFileAuthenticator::close);
      loops.close();
      throw e;
    }
  }

  private static Optional<PasswordFileAuthenticator> openPasswordFile(BrokerConfig config) {
    if (config.passwordFile().isEmpty()) {
      return Optional.empty();
    }
    try {
      PasswordFileAuthenticator passwords =
          PasswordFileAuthenticator.open(config.passwordFile().get());
      LOG.info(
          "Read {} user(s) from the password file {}", passwords.userCount(), passwords.file());
      return Optional.of(passwords);
    } catch (PasswordFileException e) {
      throw new BrokerStartException("password_file: " + e.getMessage(), e);
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

  int reloadCertificates() {
    return listeners.reloadCertificates();
  }

  boolean reloadPasswords() {
    return context.passwords().map(PasswordFileAuthenticator::reload).orElse(false);
  }

  void close() {
    context.passwords().ifPresent(PasswordFileAuthenticator::close);
    listeners.close();
    loops.close();
  }
}
