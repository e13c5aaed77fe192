package io.petrel.client;

import io.petrel.client.internal.ClientSettings;
import io.petrel.client.internal.TlsContexts;
import io.petrel.client.internal.Topics;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import io.petrel.codec.Will;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a client starts: {@code PetrelClient.builder().host("broker").port(1883).buildAsync()}.
 *
 * <pre>{@code
 * try (BlockingClient client = PetrelClient.builder().host("localhost").buildBlocking()) {
 *   client.connect();
 *   client.subscribe("sensors/+/temperature", QoS.AT_LEAST_ONCE,
 *       (topic, payload, properties) -> handle(topic, payload.toUtf8String()));
 *   client.publish("sensors/1/temperature", "21.5".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false);
 * }
 * }</pre>
 */
public final class PetrelClient {
  private PetrelClient() {}

  /** A builder with the defaults listed on {@link Builder}'s methods. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a client. Nothing connects until {@code connect()}; building only reads and checks the
   * settings (TLS PEMs included).
   */
  public static final class Builder {
    /** The largest packet MQTT can express. */
    private static final int MQTT_MAX_PACKET_SIZE = 268_435_460;

    private String host = "localhost";
    private int port = -1;
    private String clientId;
    private String username;
    private byte[] password;
    private ProtocolVersion version = ProtocolVersion.MQTT_5;
    private boolean cleanStart = true;
    private long sessionExpirySeconds;
    private int keepAliveSeconds = 60;
    private Will will;
    private TlsOptions tls;
    private String webSocketPath;
    private ReconnectPolicy reconnect = ReconnectPolicy.exponential();
    private int offlineBufferSize = 1000;
    private Path inflightStore;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int maxPacketSize = MQTT_MAX_PACKET_SIZE;
    private MessageHandler fallbackHandler;
    private ConnectionListener connectionListener;

    private Builder() {}

    /**
     * The broker's host name or address; default {@code localhost}.
     *
     * @param host name or IP literal
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The broker's port; default 1883, 8883 with TLS, 80 for WebSocket, 443 for secure WebSocket.
     *
     * @param port 1 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The client id; default a random {@code petrel-} id. An empty id asks an MQTT 5 broker to
     * assign one (and needs a clean start).
     *
     * @param clientId the id
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * The user name; default none.
     *
     * @param username the user name
     * @return this builder
     */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /**
     * The password, sent as UTF-8; default none. The array is copied; the caller may clear its own.
     *
     * @param password the password
     * @return this builder
     */
    public Builder password(char[] password) {
      Objects.requireNonNull(password, "password");
      java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
      byte[] copy = new byte[bytes.remaining()];
      bytes.get(copy);
      Arrays.fill(bytes.array(), (byte) 0);
      this.password = copy;
      return this;
    }

    /**
     * The protocol version: {@link ProtocolVersion#MQTT_5} (default), {@link
     * ProtocolVersion#MQTT_3_1_1} or, for old brokers, {@link ProtocolVersion#MQTT_3_1}.
     *
     * @param version the version
     * @return this builder
     */
    public Builder version(ProtocolVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Whether the first connection starts a new session (default true); "clean session" in MQTT
     * 3.1.1. Automatic reconnects always resume the session, except an MQTT 3.1.1 clean session,
     * which the broker ends with the connection.
     *
     * @param cleanStart true to discard any previous session
     * @return this builder
     */
    public Builder cleanStart(boolean cleanStart) {
      this.cleanStart = cleanStart;
      return this;
    }

    /**
     * How long an MQTT 5 broker keeps the session after the connection ends; default 0 (it ends
     * with the connection). Ignored for MQTT 3.1.1, where clean session 0 keeps it.
     *
     * @param expiry 0 to 4294967295 seconds; {@code 0xFFFFFFFF} never expires
     * @return this builder
     */
    public Builder sessionExpiry(Duration expiry) {
      long seconds = expiry.getSeconds();
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("session expiry must be 0 to 4294967295 s: " + expiry);
      }
      this.sessionExpirySeconds = seconds;
      return this;
    }

    /**
     * The keep-alive interval; default 60 s, 0 turns it off. An MQTT 5 broker may impose another
     * (Server Keep Alive), which the client then follows.
     *
     * @param keepAlive 0 to 65535 seconds
     * @return this builder
     */
    public Builder keepAlive(Duration keepAlive) {
      long seconds = keepAlive.getSeconds();
      if (seconds < 0 || seconds > 0xFFFF) {
        throw new IllegalArgumentException("keep alive must be 0 to 65535 s: " + keepAlive);
      }
      this.keepAliveSeconds = (int) seconds;
      return this;
    }

    /**
     * A will message the broker publishes if the connection ends without a DISCONNECT.
     *
     * @param topic the will topic, validated like a publish topic
     * @param payload the will payload
     * @param qos the will QoS
     * @param retain whether the will is retained
     * @return this builder
     */
    public Builder will(String topic, byte[] payload, QoS qos, boolean retain) {
      Topics.checkTopicName(topic);
      this.will = new Will(topic, Bytes.copyOf(payload), qos, retain, MqttProperties.EMPTY);
      return this;
    }

    /**
     * Connects with TLS; default plain TCP.
     *
     * @param tls the certificates, key and verification settings
     * @return this builder
     */
    public Builder tls(TlsOptions tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Speaks MQTT over WebSocket (subprotocol {@code mqtt}, binary frames) at this HTTP path,
     * secure WebSocket together with {@link #tls}; default plain MQTT.
     *
     * @param path the endpoint's path, for example {@code /mqtt}
     * @return this builder
     */
    public Builder webSocket(String path) {
      Objects.requireNonNull(path, "path");
      this.webSocketPath = path.startsWith("/") ? path : "/" + path;
      return this;
    }

    /**
     * How to reconnect after losing a connection; default {@link ReconnectPolicy#exponential()}.
     * The first {@code connect()} is never retried: its future fails instead.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder reconnect(ReconnectPolicy policy) {
      this.reconnect = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * How many publishes may wait while the client is not connected; default 1000, 0 for none. When
     * it is full a further publish fails at once with an {@link MqttClientException} and the
     * waiting ones are kept: the caller learns of the loss while it can still act on it, and
     * messages it was already promised are not silently dropped.
     *
     * @param size the number of messages
     * @return this builder
     */
    public Builder offlineBufferSize(int size) {
      if (size < 0) {
        throw new IllegalArgumentException("offline buffer size must not be negative: " + size);
      }
      this.offlineBufferSize = size;
      return this;
    }

    /**
     * Keeps outbound QoS 1 and 2 messages that await acknowledgement in files in this directory
     * (one fsync'd file per packet id), so that a new client process with the same client id and
     * directory resends them: QoS 2 stays exactly-once across a restart. Use it with {@code
     * cleanStart(false)} and a session that outlives the connection. Default: memory only.
     *
     * @param directory created if missing; one client per directory
     * @return this builder
     */
    public Builder inflightStore(Path directory) {
      this.inflightStore = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * How long a connect may take, TCP, TLS, WebSocket handshake and CONNACK together; default 10
     * s.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("connect timeout must be positive: " + timeout);
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * The largest packet the client accepts, told to MQTT 5 brokers as Maximum Packet Size; default
     * the protocol's maximum.
     *
     * @param bytes at least 64
     * @return this builder
     */
    public Builder maxPacketSize(int bytes) {
      if (bytes < 64) {
        throw new IllegalArgumentException("maximum packet size must be at least 64: " + bytes);
      }
      this.maxPacketSize = bytes;
      return this;
    }

    /**
     * Receives messages that no subscription's handler matches, for example those a resumed session
     * delivers before the application subscribed again. Default: they are dropped (and still
     * acknowledged).
     *
     * @param handler the handler
     * @return this builder
     */
    public Builder fallbackHandler(MessageHandler handler) {
      this.fallbackHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Told when the connection comes up or goes down.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder connectionListener(ConnectionListener listener) {
      this.connectionListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * An asynchronous client.
     *
     * @throws IllegalArgumentException if the settings contradict each other or a PEM is bad
     */
    public AsyncClient buildAsync() {
      return new AsyncClient(settings());
    }

    /**
     * A blocking client.
     *
     * @throws IllegalArgumentException if the settings contradict each other or a PEM is bad
     */
    public BlockingClient buildBlocking() {
      return new BlockingClient(buildAsync());
    }

    private ClientSettings settings() {
      // MQTT 3.1 wants 1 to 23 characters; 7 + 16 fits, and is random enough for a session.
      String id =
          clientId != null
              ? clientId
              : version == ProtocolVersion.MQTT_3_1
                  ? "petrel-" + Long.toHexString(UUID.randomUUID().getMostSignificantBits())
                  : "petrel-" + UUID.randomUUID().toString();
      if (id.isEmpty() && !cleanStart) {
        throw new IllegalArgumentException("an empty client id needs a clean start [MQTT-3.1.3-8]");
      }
      if (!version.isMqtt5() && password != null && username == null) {
        throw new IllegalArgumentException("MQTT 3.1.1 sends a password only with a user name");
      }
      boolean webSocket = webSocketPath != null;
      int effectivePort = port > 0 ? port : defaultPort(tls != null, webSocket);
      return new ClientSettings(
          host,
          effectivePort,
          id,
          Optional.ofNullable(username),
          Optional.ofNullable(password).map(Bytes::copyOf),
          version,
          cleanStart,
          sessionExpirySeconds,
          keepAliveSeconds,
          Optional.ofNullable(will),
          Optional.ofNullable(tls).map(TlsContexts::create),
          Optional.ofNullable(webSocketPath),
          reconnect,
          offlineBufferSize,
          Optional.ofNullable(inflightStore),
          connectTimeout,
          maxPacketSize,
          Optional.ofNullable(fallbackHandler),
          Optional.ofNullable(connectionListener));
    }

    private static int defaultPort(boolean tls, boolean webSocket) {
      if (webSocket) {
        return tls ? 443 : 80;
      }
      return tls ? 8883 : 1883;
    }
  }
}
