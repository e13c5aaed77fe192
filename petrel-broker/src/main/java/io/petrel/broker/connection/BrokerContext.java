package io.petrel.broker.connection;

import io.petrel.broker.auth.EnhancedAuthenticators;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.observe.BrokerCounters;
import io.petrel.broker.routing.PublishRouter;
import io.petrel.broker.session.SessionRegistry;

/**
 * What every connection handler shares: the config and the broker's long-lived parts.
 *
 * @param authenticators the enhanced authentication methods offered to MQTT 5 clients
 */
public record BrokerContext(
    BrokerConfig config,
    SessionRegistry sessions,
    PublishRouter router,
    BrokerCounters counters,
    EnhancedAuthenticators authenticators) {}
