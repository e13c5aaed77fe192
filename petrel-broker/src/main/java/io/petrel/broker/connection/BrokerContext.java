package io.petrel.broker.connection;

import io.petrel.broker.auth.EnhancedAuthenticators;
import io.petrel.broker.auth.PasswordFileAuthenticator;
import io.petrel.broker.auth.TopicAuthorizer;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.observe.BrokerCounters;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.session.SessionRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * What every connection handler shares: the config and the broker's long-lived parts.
 *
 * @param authenticators the enhanced authentication methods offered to MQTT 5 clients
 * @param passwords the users of {@code password_file}, if set
 * @param failedLogins the rate limit of the log lines about refused passwords
 * @param authorizer the rules of {@code acl_file} and {@code client_classes}, if either is set
 */
public record BrokerContext(
    BrokerConfig config,
    SessionRegistry sessions,
    PublishRouter router,
    BrokerCounters counters,
    EnhancedAuthenticators authenticators,
    Optional<PasswordFileAuthenticator> passwords,
    FailedLogins failedLogins,
    Optional<TopicAuthorizer> authorizer) {

  public BrokerContext {
    Objects.requireNonNull(authorizer, "authorizer");
    Objects.requireNonNull(passwords, "passwords");
    Objects.requireNonNull(failedLogins, "failedLogins");
  }

  /** Without a password file or authorization rules. */
  public BrokerContext(
      BrokerConfig config,
      SessionRegistry sessions,
      PublishRouter router,
      BrokerCounters counters,
      EnhancedAuthenticators authenticators) {
    this(
        config,
        sessions,
        router,
        counters,
        authenticators,
        Optional.empty(),
        new FailedLogins(),
        Optional.empty());
  }
}
