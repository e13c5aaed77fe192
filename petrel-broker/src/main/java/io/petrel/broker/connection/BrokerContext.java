package io.petrel.broker.connection;

import io.petrel.broker.auth.EnhancedAuthenticators;
import io.petrel.broker.auth.PasswordFileAuthenticator;
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
 */
public record BrokerContext(
    BrokerConfig config,
    SessionRegistry sessions,
    PublishRouter router,
    BrokerCounters counters,
    EnhancedAuthenticators authenticators,
    Optional<PasswordFileAuthenticator> passwords,
    FailedLogins failedLogins) {

  public BrokerContext {
    Objects.requireNonNull(passwords, "passwords");
    Objects.requireNonNull(failedLogins, "failedLogins");
  }

  /** Without a password file. */
  public BrokerContext(
      BrokerConfig config,
      SessionRegistry sessions,
      PublishRouter router,
      BrokerCounters counters,
      EnhancedAuthenticators authenticators) {
    this(config, sessions, router, counters, authenticators, Optional.empty(), new FailedLogins());
  }
}
