package io.petrel.broker.config;

import io.petrel.codec.WildcardSyntax;
import java.util.Optional;

/**
 * What the global keys have set so far. {@code allow_anonymous} stays unset until the end because
 * its default depends on whether the file defines listeners or a password file (Mosquitto 2), and
 * the wildcard characters are kept apart because they are only checked together.
 */
final class GlobalSettings {
  final BrokerConfig.Builder builder = BrokerConfig.builder();
  Optional<Boolean> allowAnonymous = Optional.empty();
  char separator = WildcardSyntax.DEFAULT.separator();
  char singleLevel = WildcardSyntax.DEFAULT.singleLevel();
  char multiLevel = WildcardSyntax.DEFAULT.multiLevel();
}
