package io.petrel.broker.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The global keys Petrel supports: Mosquitto's where it has the setting, Petrel's own for the topic
 * syntax. Each may also be set by the environment variable {@link #envVariable()}.
 */
enum GlobalKey {
  ALLOW_ANONYMOUS("allow_anonymous", (s, v) -> s.allowAnonymous = Optional.of(Values.bool(v))),
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
  // Petrel's own: 0 means one event-loop thread per core.
  IO_THREADS("io_threads", (s, v) -> s.builder.ioThreads(Values.integer(v, 0, 1024))),
  // Petrel's own, after EMQX's key of the same name.
  SHARED_SUBSCRIPTION_STRATEGY(
      "shared_subscription_strategy",
      (s, v) -> s.builder.sharedSubscriptionStrategy(SharedSubscriptionStrategy.parse(v))),
  SET_TCP_NODELAY("set_tcp_nodelay", (s, v) -> s.builder.tcpNoDelay(Values.bool(v))),
  // Petrel keeps everything in memory for now: persistence false is what it does.
  PERSISTENCE("persistence", (s, v) -> requireNoPersistence(v)),
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

  private static void requireNoPersistence(String value) throws BadValueException {
    if (Values.bool(value)) {
      throw new BadValueException(
          "true is not supported yet by Petrel; only false (sessions and messages live in memory)");
    }
  }

  @FunctionalInterface
  private interface Setter {
    void apply(GlobalSettings settings, String value) throws BadValueException;
  }
}
