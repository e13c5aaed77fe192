package io.petrel.broker.config;

import io.petrel.broker.auth.UserStore;
import io.petrel.codec.WildcardSyntax;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The broker's whole configuration, immutable. Field names follow Mosquitto's keys where it has the
 * same setting; {@link #defaults()} is what runs with no config file.
 *
 * @param listeners where to listen; at least one
 * @param allowAnonymous whether clients without a username may connect ({@code allow_anonymous};
 *     true by default, false when a password file is set and this is not)
 * @param maxPacketSize largest packet accepted, in bytes ({@code max_packet_size}; default 1 MiB)
 * @param maxQueuedMessages capacity of each subscription's buffer; when full the oldest message is
 *     dropped ({@code max_queued_messages}; default 5000)
 * @param maxInflightMessages outbound QoS 1/2 messages in flight per client ({@code
 *     max_inflight_messages}; default 20)
 * @param queueQos0Messages whether QoS 0 messages are queued for offline persistent sessions
 *     ({@code queue_qos0_messages}; default false)
 * @param maxKeepalive the largest keep-alive a client may ask for, in seconds ({@code
 *     max_keepalive}; default 65535)
 * @param allowZeroLengthClientId whether a client may connect with an empty client id and clean
 *     session to be given one ({@code allow_zero_length_clientid}; default true)
 * @param autoIdPrefix prefix of assigned client ids ({@code auto_id_prefix}; default {@code auto-})
 * @param retainAvailable whether retained messages are supported ({@code retain_available}; default
 *     true)
 * @param tcpNoDelay disable Nagle's algorithm on client sockets ({@code set_tcp_nodelay}; Petrel's
 *     default is true, for latency)
 * @param wildcardSyntax topic level separator and wildcard characters ({@code topic_separator},
 *     {@code single_level_wildcard}, {@code multi_level_wildcard}; default {@code / + #})
 * @param persistentClientExpiration how long the session of an MQTT 3 client with clean session 0
 *     outlives its connection, in seconds ({@code persistent_client_expiration}; default {@link
 *     #NEVER_EXPIRES})
 * @param maxTopicAlias the Topic Alias Maximum told to MQTT 5 clients ({@code max_topic_alias};
 *     default 10, as Mosquitto)
 * @param receiveMaximum the Receive Maximum told to MQTT 5 clients: inbound QoS 1/2 messages they
 *     may have unacknowledged at once ({@code receive_maximum}; default 100)
 * @param users the users MQTT 5 clients may authenticate as with SCRAM-SHA-256 enhanced
 *     authentication; none by default (embedding users set them; the users of {@code password_file}
 *     cannot use SCRAM, whose stored keys its hashes do not give)
 * @param persistence the data directory and durability ({@code persistence}, {@code
 *     persistence_location}, {@code durability}, {@code durability_interval_ms}; default sync mode
 *     in {@code ./data})
 * @param ioThreads event-loop threads that run connections and sessions ({@code io_threads}; 0, the
 *     default, means one per core but one, and at least one)
 * @param sharedSubscriptionStrategy which member of a shared subscription group gets each message
 *     ({@code shared_subscription_strategy}; default round robin)
 * @param passwordFile Mosquitto's password file, checked for clients that connect with a username
 *     ({@code password_file}; none by default)
 * @param aclFile Mosquitto's ACL file: which topics each user may read and write ({@code acl_file};
 *     none by default, and then every client may use every topic)
 * @param clientClasses whether client ids of the IBM IoT classes {@code d:}, {@code a:} and {@code
 *     g:} confine clients to their topic space ({@code client_classes}; default false)
 * @param clientClassOrg the only organisation such client ids may name ({@code client_class_org};
 *     any by default)
 */
public record BrokerConfig(
    List<ListenerConfig> listeners,
    boolean allowAnonymous,
    int maxPacketSize,
    int maxQueuedMessages,
    int maxInflightMessages,
    boolean queueQos0Messages,
    int maxKeepalive,
    boolean allowZeroLengthClientId,
    String autoIdPrefix,
    boolean retainAvailable,
    boolean tcpNoDelay,
    WildcardSyntax wildcardSyntax,
    long persistentClientExpiration,
    int maxTopicAlias,
    int receiveMaximum,
    Optional<UserStore> users,
    PersistenceSettings persistence,
    int ioThreads,
    SharedSubscriptionStrategy sharedSubscriptionStrategy,
    Optional<Path> passwordFile,
    Optional<Path> aclFile,
    boolean clientClasses,
    Optional<String> clientClassOrg) {

  public static final int DEFAULT_PORT = 1883;
  public static final int DEFAULT_MAX_PACKET_SIZE = 1024 * 1024;
  public static final int DEFAULT_MAX_QUEUED_MESSAGES = 5000;
  public static final int DEFAULT_MAX_INFLIGHT_MESSAGES = 20;
  public static final int DEFAULT_MAX_KEEPALIVE = 65535;
  public static final int DEFAULT_MAX_TOPIC_ALIAS = 10;
  public static final int DEFAULT_RECEIVE_MAXIMUM = 100;

  /** A session expiry that means the session is kept until a clean start. */
  public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

  public BrokerConfig {
    listeners = List.copyOf(listeners);
    if (listeners.isEmpty()) {
      throw new IllegalArgumentException("at least one listener is needed");
    }
    Objects.requireNonNull(autoIdPrefix, "autoIdPrefix");
    Objects.requireNonNull(wildcardSyntax, "wildcardSyntax");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(persistence, "persistence");
    Objects.requireNonNull(sharedSubscriptionStrategy, "sharedSubscriptionStrategy");
    Objects.requireNonNull(passwordFile, "passwordFile");
    Objects.requireNonNull(aclFile, "aclFile");
    Objects.requireNonNull(clientClassOrg, "clientClassOrg");
    if (persistentClientExpiration < 1 || persistentClientExpiration > NEVER_EXPIRES) {
      throw new IllegalArgumentException("persistentClientExpiration out of range");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65535) {
      throw new IllegalArgumentException("receiveMaximum must be 1 to 65535");
    }
    if (ioThreads < 0) {
      throw new IllegalArgumentException("ioThreads must be 0 (one per core but one) or more");
    }
  }

  /** No config file: MQTT on 127.0.0.1:1883, anonymous clients allowed (as Mosquitto 2 does). */
  public static BrokerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .listeners(listeners)
        .allowAnonymous(allowAnonymous)
        .maxPacketSize(maxPacketSize)
        .maxQueuedMessages(maxQueuedMessages)
        .maxInflightMessages(maxInflightMessages)
        .queueQos0Messages(queueQos0Messages)
        .maxKeepalive(maxKeepalive)
        .allowZeroLengthClientId(allowZeroLengthClientId)
        .autoIdPrefix(autoIdPrefix)
        .retainAvailable(retainAvailable)
        .tcpNoDelay(tcpNoDelay)
        .wildcardSyntax(wildcardSyntax)
        .persistentClientExpiration(persistentClientExpiration)
        .maxTopicAlias(maxTopicAlias)
        .receiveMaximum(receiveMaximum)
        .users(users.orElse(null))
        .persistence(persistence)
        .ioThreads(ioThreads)
        .sharedSubscriptionStrategy(sharedSubscriptionStrategy)
        .passwordFile(passwordFile.orElse(null))
        .aclFile(aclFile.orElse(null))
        .clientClasses(clientClasses)
        .clientClassOrg(clientClassOrg.orElse(null));
  }

  /**
   * The number of event-loop threads to start: {@link #ioThreads()}, or if 0 one per core but one
   * (at least one). The spare core is for what the event loops wait on when it does not get a CPU
   * at once: the kernel's network processing, the garbage collector, the JIT and the store's
   * background threads. A message between two clients on different event loops costs a thread
   * wake-up, and when every core runs an event loop that wake-up queues behind them: on a 2-core
   * machine one loop gave p99 0.5 ms at 10,000 msg/s where two gave 1.5-2.0 ms, for 0.6-0.8 of the
   * throughput (bench/RESULTS.md). Redis gives the same advice for its I/O threads.
   */
  public int effectiveIoThreads() {
    return ioThreads > 0 ? ioThreads : defaultIoThreads(Runtime.getRuntime().availableProcessors());
  }

  static int defaultIoThreads(int cores) {
    return Math.max(1, cores - 1);
  }

  /** Builds a config from the defaults; for the loader, the CLI and embedding users. */
  public static final class Builder {
    private List<ListenerConfig> listeners = List.of(ListenerConfig.loopback(DEFAULT_PORT));
    // Unset means true, unless a password file is set (Mosquitto 2).
    private Boolean allowAnonymous;
    private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
    private int maxQueuedMessages = DEFAULT_MAX_QUEUED_MESSAGES;
    private int maxInflightMessages = DEFAULT_MAX_INFLIGHT_MESSAGES;
    private boolean queueQos0Messages;
    private int maxKeepalive = DEFAULT_MAX_KEEPALIVE;
    private boolean allowZeroLengthClientId = true;
    private String autoIdPrefix = "auto-";
    private boolean retainAvailable = true;
    private boolean tcpNoDelay = true;
    private WildcardSyntax wildcardSyntax = WildcardSyntax.DEFAULT;
    private long persistentClientExpiration = NEVER_EXPIRES;
    private int maxTopicAlias = DEFAULT_MAX_TOPIC_ALIAS;
    private int receiveMaximum = DEFAULT_RECEIVE_MAXIMUM;
    private UserStore users;
    private PersistenceSettings persistence = PersistenceSettings.defaults();
    private int ioThreads;
    private SharedSubscriptionStrategy sharedSubscriptionStrategy =
        SharedSubscriptionStrategy.ROUND_ROBIN;
    private Path passwordFile;
    private Path aclFile;
    private boolean clientClasses;
    private String clientClassOrg;

    private Builder() {}

    public Builder listeners(List<ListenerConfig> value) {
      listeners = value;
      return this;
    }

    public Builder allowAnonymous(boolean value) {
      allowAnonymous = value;
      return this;
    }

    public Builder maxPacketSize(int value) {
      maxPacketSize = value;
      return this;
    }

    public Builder maxQueuedMessages(int value) {
      maxQueuedMessages = value;
      return this;
    }

    public Builder maxInflightMessages(int value) {
      maxInflightMessages = value;
      return this;
    }

    public Builder queueQos0Messages(boolean value) {
      queueQos0Messages = value;
      return this;
    }

    public Builder maxKeepalive(int value) {
      maxKeepalive = value;
      return this;
    }

    public Builder allowZeroLengthClientId(boolean value) {
      allowZeroLengthClientId = value;
      return this;
    }

    public Builder autoIdPrefix(String value) {
      autoIdPrefix = value;
      return this;
    }

    public Builder retainAvailable(boolean value) {
      retainAvailable = value;
      return this;
    }

    public Builder tcpNoDelay(boolean value) {
      tcpNoDelay = value;
      return this;
    }

    public Builder wildcardSyntax(WildcardSyntax value) {
      wildcardSyntax = value;
      return this;
    }

    public Builder persistentClientExpiration(long seconds) {
      persistentClientExpiration = seconds;
      return this;
    }

    public Builder maxTopicAlias(int value) {
      maxTopicAlias = value;
      return this;
    }

    public Builder receiveMaximum(int value) {
      receiveMaximum = value;
      return this;
    }

    /** The users for SCRAM-SHA-256 enhanced authentication; null for none. */
    public Builder users(UserStore value) {
      users = value;
      return this;
    }

    public Builder persistence(PersistenceSettings value) {
      persistence = value;
      return this;
    }

    /** The persistence settings so far, for the config loader to change one of them. */
    PersistenceSettings persistence() {
      return persistence;
    }

    public Builder ioThreads(int value) {
      ioThreads = value;
      return this;
    }

    public Builder sharedSubscriptionStrategy(SharedSubscriptionStrategy value) {
      sharedSubscriptionStrategy = value;
      return this;
    }

    /** Mosquitto's password file; null for none. */
    public Builder passwordFile(Path value) {
      passwordFile = value;
      return this;
    }

    /** The password file so far, for the config loader's default of allow_anonymous. */
    Optional<Path> passwordFile() {
      return Optional.ofNullable(passwordFile);
    }

    /** Mosquitto's ACL file; null for none. */
    public Builder aclFile(Path value) {
      aclFile = value;
      return this;
    }

    public Builder clientClasses(boolean value) {
      clientClasses = value;
      return this;
    }

    /** The organisation client-class ids must name; null for any. */
    public Builder clientClassOrg(String value) {
      clientClassOrg = value;
      return this;
    }

    public BrokerConfig build() {
      return new BrokerConfig(
          listeners,
          allowAnonymous != null ? allowAnonymous : passwordFile == null,
          maxPacketSize,
          maxQueuedMessages,
          maxInflightMessages,
          queueQos0Messages,
          maxKeepalive,
          allowZeroLengthClientId,
          autoIdPrefix,
          retainAvailable,
          tcpNoDelay,
          wildcardSyntax,
          persistentClientExpiration,
          maxTopicAlias,
          receiveMaximum,
          Optional.ofNullable(users),
          persistence,
          ioThreads,
          sharedSubscriptionStrategy,
          Optional.ofNullable(passwordFile),
          Optional.ofNullable(aclFile),
          clientClasses,
          Optional.ofNullable(clientClassOrg));
    }
  }
}
