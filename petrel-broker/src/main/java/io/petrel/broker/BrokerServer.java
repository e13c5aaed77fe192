package io.petrel.broker;

import io.petrel.broker.auth.AclFileAuthorizer;
import io.petrel.broker.auth.AclFileException;
import io.petrel.broker.auth.ClientClasses;
import io.petrel.broker.auth.EnhancedAuthenticators;
import io.petrel.broker.auth.PasswordFileAuthenticator;
import io.petrel.broker.auth.PasswordFileException;
import io.petrel.broker.auth.ScramSha256Authenticator;
import io.petrel.broker.auth.TopicAuthorizer;
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
    Optional<TopicAuthorizer> authorizer = openAuthorizer(config);
    BrokerCounters counters = new BrokerCounters();
    PublishRouter router =
        new PublishRouter(
            config.wildcardSyntax(),
            stores.retained(),
            config.retainAvailable(),
            config.sharedSubscriptionStrategy(),
            stores.messages());
    authorizer.ifPresent(
        a ->
            router.checkReads(
                (sink, topic) -> a.mayRead(sink.clientId(), sink.username(), topic.value())));
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
            config,
            sessions,
            router,
            counters,
            authenticators,
            passwords,
            new FailedLogins(),
            authorizer);
    EventLoops loops = new EventLoops(config.effectiveIoThreads());
    try {
      int restored = sessions.restore(loops.workers());
      if (restored > 0) {
        LOG.info("Restored {} persistent session(s)", restored);
      }
      // Expired retained messages are also dropped when a subscription looks at them; this sweep
      // frees those on topics nobody subscribes to again.
      loops
          .housekeeping()
          .scheduleAtFixedRate(
              stores.retained()::removeExpired,
              RETAINED_SWEEP_SECONDS,
              RETAINED_SWEEP_SECONDS,
              TimeUnit.SECONDS);
      passwords.ifPresent(p -> p.watch(PasswordFileAuthenticator.CHECK_INTERVAL));
      authorizer
          .flatMap(TopicAuthorizer::acl)
          .ifPresent(a -> a.watch(PasswordFileAuthenticator.CHECK_INTERVAL));
      return new BrokerServer(config, context, loops, Listeners.bind(loops, context));
    } catch (RuntimeException e) {
      passwords.ifPresent(PasswordFileAuthenticator::close);
      authorizer.ifPresent(TopicAuthorizer::close);
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

  private static Optional<TopicAuthorizer> openAuthorizer(BrokerConfig config) {
    Optional<AclFileAuthorizer> acl = Optional.empty();
    if (config.aclFile().isPresent()) {
      try {
        acl = Optional.of(AclFileAuthorizer.open(config.aclFile().get(), config.wildcardSyntax()));
        LOG.info("Read the ACL file {}", config.aclFile().get());
      } catch (AclFileException e) {
        throw new BrokerStartException("acl_file: " + e.getMessage(), e);
      }
    }
    Optional<ClientClasses> classes =
        config.clientClasses()
            ? Optional.of(new ClientClasses(config.clientClassOrg(), config.wildcardSyntax()))
            : Optional.empty();
    return TopicAuthorizer.of(acl, classes);
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

  /** Reads password_file and acl_file again; true if each one set was read, false if none is. */
  boolean reloadPasswords() {
    if (context.passwords().isEmpty()
        && context.authorizer().flatMap(TopicAuthorizer::acl).isEmpty()) {
      return false;
    }
    boolean passwordsRead = context.passwords().map(PasswordFileAuthenticator::reload).orElse(true);
    boolean aclRead =
        context
            .authorizer()
            .flatMap(TopicAuthorizer::acl)
            .map(AclFileAuthorizer::reload)
            .orElse(true);
    return passwordsRead && aclRead;
  }

  void close() {
    context.passwords().ifPresent(PasswordFileAuthenticator::close);
    context.authorizer().ifPresent(TopicAuthorizer::close);
    listeners.close();
    loops.close();
  }
}
