package io.petrel.broker.config;

import io.petrel.broker.auth.AclFile;
import io.petrel.broker.auth.AclFileException;
import io.petrel.broker.auth.PasswordFile;
import io.petrel.broker.auth.PasswordFileException;
import io.petrel.broker.config.PersistenceSettings.Durability;
import io.petrel.codec.WildcardSyntax;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The global keys Petrel supports: Mosquitto's where it has the setting, Petrel's own for the topic
 * syntax. Each may also be set by the environment variable {@link #envVariable()}.
 */
enum GlobalKey {
  ALLOW_ANONYMOUS("allow_anonymous", (s, v) -> s.allowAnonymous = Optional.of(Values.bool(v))),
  // Mosquitto's; read here so that a bad line in it stops start-up as a bad config line does.
  PASSWORD_FILE("password_file", (s, v) -> s.builder.passwordFile(passwordFile(v))),
  // Mosquitto's; read here, with the wildcards set above it, so that a bad line stops start-up
  // as a bad config line does. The broker reads it again with the final wildcards.
  ACL_FILE("acl_file", (s, v) -> s.builder.aclFile(aclFile(v, syntaxSoFar(s)))),
  // Petrel's own: the IBM IoT client classes d:, a: and g: (see ClientClasses).
  CLIENT_CLASSES("client_classes", (s, v) -> s.builder.clientClasses(Values.bool(v))),
  CLIENT_CLASS_ORG("client_class_org", (s, v) -> s.builder.clientClassOrg(organisation(v))),
  MAX_PACKET_SIZE("max_packet_size", (s, v) -> s.builder.maxPacketSize(maxPacketSize(v))),
  // Mosquitto: 0 means no limit.
  MAX_QUEUED_MESSAGES(
      "max_queued_messages",
      (s, v) ->
          s.builder.maxQueuedMessages(
              orIfZero(Values.integer(v, 0, Integer.MAX_VALUE), Integer.MAX_VALUE))),
  // Mosquitto: 0 means no limit; MQTT's Receive Maximum caps it at 65535.
  MAX_INFLIGHT_MESSAGES(
      "max_inflight_messages",
      (s, v) -> s.builder.maxInflightMessages(orIfZero(Values.integer(v, 0, 65535), 65535))),
  // Mosquitto's; MQTT 5 clients bring their own Session Expiry Interval.
  PERSISTENT_CLIENT_EXPIRATION(
      "persistent_client_expiration",
      (s, v) -> s.builder.persistentClientExpiration(expiration(v))),
  // Mosquitto sets it per listener; Petrel applies it to every listener.
  MAX_TOPIC_ALIAS(
      "max_topic_alias", (s, v) -> s.builder.maxTopicAlias(Values.integer(v, 0, 65535))),
  // Petrel's own: the Receive Maximum told to MQTT 5 clients.
  RECEIVE_MAXIMUM(
      "receive_maximum", (s, v) -> s.builder.receiveMaximum(Values.integer(v, 1, 65535))),
  QUEUE_QOS0_MESSAGES("queue_qos0_messages", (s, v) -> s.builder.queueQos0Messages(Values.bool(v))),
  MAX_KEEPALIVE("max_keepalive", (s, v) -> s.builder.maxKeepalive(Values.integer(v, 0, 65535))),
  ALLOW_ZERO_LENGTH_CLIENTID(
      "allow_zero_length_clientid", (s, v) -> s.builder.allowZeroLengthClientId(Values.bool(v))),
  AUTO_ID_PREFIX("auto_id_prefix", (s, v) -> s.builder.autoIdPrefix(v)),
  RETAIN_AVAILABLE("retain_available", (s, v) -> s.builder.retainAvailable(Values.bool(v))),
  // Petrel's own: 0 means one event-loop thread per core but one (at least one).
  IO_THREADS("io_threads", (s, v) -> s.builder.ioThreads(Values.integer(v, 0, 1024))),
  // Petrel's own, after EMQX's key of the same name.
  SHARED_SUBSCRIPTION_STRATEGY(
      "shared_subscription_strategy",
      (s, v) -> s.builder.sharedSubscriptionStrategy(SharedSubscriptionStrategy.parse(v))),
  SET_TCP_NODELAY("set_tcp_nodelay", (s, v) -> s.builder.tcpNoDelay(Values.bool(v))),
  // Mosquitto's: false keeps everything in memory; true writes to the data directory.
  PERSISTENCE(
      "persistence",
      (s, v) ->
          s.builder.persistence(
              s.builder
                  .persistence()
                  .withDurability(Values.bool(v) ? persistentMode(s) : Durability.MEMORY))),
  // Mosquitto's: the directory of the store.
  PERSISTENCE_LOCATION(
      "persistence_location",
      (s, v) -> s.builder.persistence(s.builder.persistence().withDirectory(directory(v)))),
  // Petrel's own: sync, periodic or memory.
  DURABILITY(
      "durability",
      (s, v) -> s.builder.persistence(s.builder.persistence().withDurability(durability(v)))),
  DURABILITY_INTERVAL_MS(
      "durability_interval_ms",
      (s, v) ->
          s.builder.persistence(
              s.builder.persistence().withSyncIntervalMillis(Values.integer(v, 1, 60_000)))),
  TOPIC_SEPARATOR("topic_separator", (s, v) -> s.separator = Values.character(v)),
  SINGLE_LEVEL_WILDCARD("single_level_wildcard", (s, v) -> s.singleLevel = Values.character(v)),
  MULTI_LEVEL_WILDCARD("multi_level_wildcard", (s, v) -> s.multiLevel = Values.character(v));

  /** The largest packet MQTT can express: the Remaining Length limit. */
  static final int MQTT_MAX_PACKET_SIZE = 268_435_455;

  /** Mosquitto refuses less: smaller limits break ordinary clients. */
  static final int MIN_PACKET_SIZE = 20;

  private final String key;
  private final Setter setter;

  GlobalKey(String key, Setter setter) {
    this.key = key;
    this.setter = setter;
  }

  String key() {
    return key;
  }

  String envVariable() {
    return ConfigLoader.ENV_PREFIX + key.toUpperCase(Locale.ROOT);
  }

  void apply(GlobalSettings settings, String value) throws BadValueException {
    setter.apply(settings, value);
  }

  static Optional<GlobalKey> named(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  private static int maxPacketSize(String value) throws BadValueException {
    int size = Values.integer(value, 0, MQTT_MAX_PACKET_SIZE);
    if (size > 0 && size < MIN_PACKET_SIZE) {
      throw new BadValueException(
          size
              + " is too small; use 0 (the MQTT maximum, "
              + MQTT_MAX_PACKET_SIZE
              + ") or "
              + MIN_PACKET_SIZE
              + " to "
              + MQTT_MAX_PACKET_SIZE
              + " bytes");
    }
    return orIfZero(size, MQTT_MAX_PACKET_SIZE);
  }

  private static long expiration(String value) throws BadValueException {
    long seconds = Values.duration(value);
    if (seconds == 0) {
      throw new BadValueException("0 would end every session with its connection; leave it unset");
    }
    // Kept below "never expires": the longest finite MQTT 5 expiry is 0xFFFFFFFE seconds.
    return Math.min(seconds, BrokerConfig.NEVER_EXPIRES - 1);
  }

  private static int orIfZero(int value, int unlimited) {
    return value == 0 ? unlimited : value;
  }

  /** persistence true keeps a durability chosen before it, or the default, sync. */
  private static Durability persistentMode(GlobalSettings s) {
    Durability current = s.builder.persistence().durability();
    return current == Durability.MEMORY ? Durability.SYNC : current;
  }

  private static Durability durability(String value) throws BadValueException {
    return switch (value) {
      case "sync" -> Durability.SYNC;
      case "periodic" -> Durability.PERIODIC;
      case "memory" -> Durability.MEMORY;
      default ->
          throw new BadValueException(
              Values.quote(value) + " is not a durability; use sync, periodic or memory");
    };
  }

  private static Path passwordFile(String value) throws BadValueException {
    Path file = path(value);
    try {
      PasswordFile.read(file);
    } catch (PasswordFileException e) {
      throw new BadValueException(e.getMessage());
    }
    return file;
  }

  /** The wildcards set above this line, or the defaults if they do not fit together (yet). */
  private static WildcardSyntax syntaxSoFar(GlobalSettings s) {
    try {
      return new WildcardSyntax(s.separator, s.singleLevel, s.multiLevel);
    } catch (IllegalArgumentException e) {
      return WildcardSyntax.DEFAULT;
    }
  }

  private static Path aclFile(String value, WildcardSyntax syntax) throws BadValueException {
    Path file = path(value);
    try {
      AclFile.read(file, syntax);
    } catch (AclFileException e) {
      throw new BadValueException(e.getMessage());
    }
    return file;
  }

  private static String organisation(String value) throws BadValueException {
    if (!value.matches("[A-Za-z0-9._-]+")) {
      throw new BadValueException(
          Values.quote(value) + " is not an organisation; use letters, digits, '-', '_' or '.'");
    }
    return value;
  }

  private static Path directory(String value) throws BadValueException {
    return path(value);
  }

  private static Path path(String value) throws BadValueException {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new BadValueException(Values.quote(value) + " is not a path: " + e.getReason());
    }
  }

  @FunctionalInterface
  private interface Setter {
    void apply(GlobalSettings settings, String value) throws BadValueException;
  }
}
