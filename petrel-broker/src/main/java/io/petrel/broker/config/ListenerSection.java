package io.petrel.broker.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one listener as the file gives them, key by key, with the line of each so that a
 * combination that does not work can blame the right line. Mosquitto's keys mean what they mean
 * there; {@code keyfile_password}, {@code websockets_path} and {@code max_connect_rate} are
 * Petrel's own.
 */
final class ListenerSection {
  Optional<Integer> port = Optional.empty();
  Optional<String> address = Optional.empty();
  private ListenerProtocol protocol = ListenerProtocol.MQTT;
  private Optional<Path> certFile = Optional.empty();
  private Optional<Path> keyFile = Optional.empty();
  private Optional<String> keyPassword = Optional.empty();
  private Optional<Path> caFile = Optional.empty();
  private boolean requireCertificate;
  private boolean useIdentityAsUsername;
  private TlsVersion tlsVersion = TlsVersion.TLS_1_2;
  private String websocketsPath = ListenerConfig.DEFAULT_WEBSOCKETS_PATH;
  private int maxConnections = ListenerLimits.UNLIMITED;
  private int maxConnectRate = ListenerLimits.UNLIMITED;
  private Optional<Boolean> allowAnonymous = Optional.empty();
  // Where each key was set, in file order; "port" and "listener" both set the port.
  private final Map<String, Origin> setAt = new LinkedHashMap<>();

  Optional<Origin> origin(String key) {
    return Optional.ofNullable(setAt.get(key));
  }

  /**
   * Whether the default listener exists: as in Mosquitto, when a key gives it something other than
   * the default, so that {@code max_connections -1} before the first {@code listener} line does not
   * open a listener on 1883.
   */
  boolean isUsed() {
    return port.isPresent()
        || address.isPresent()
        || protocol != ListenerProtocol.MQTT
        || certFile.isPresent()
        || keyFile.isPresent()
        || caFile.isPresent()
        || keyPassword.isPresent()
        || requireCertificate
        || useIdentityAsUsername
        || setAt.containsKey("tls_version")
        || setAt.containsKey("websockets_path")
        || maxConnections != ListenerLimits.UNLIMITED
        || maxConnectRate != ListenerLimits.UNLIMITED;
  }

  int portNumber() {
    return port.orElse(BrokerConfig.DEFAULT_PORT);
  }

  // Mosquitto 2: a listener without an address binds every interface.
  String addressText() {
    return address.orElse(ListenerSections.ALL_INTERFACES);
  }

  String describe() {
    return addressText() + ":" + portNumber();
  }

  /** Records that {@code key} is set here; a key may be set once per listener. */
  void markSet(Origin origin, String key) throws ConfigException {
    Origin earlier = setAt.get(key);
    if (earlier != null) {
      throw origin.error(key, "already set at " + earlier.describe());
    }
    setAt.put(key, origin);
  }

  /** One of the per-listener keys other than the address and port. */
  void option(Origin origin, String key, String value) throws ConfigException {
    markSet(origin, key);
    try {
      switch (key) {
        case "protocol" -> protocol = protocol(value);
        case "certfile" -> certFile = Optional.of(readableFile(value));
        case "keyfile" -> keyFile = Optional.of(readableFile(value));
        case "keyfile_password" -> keyPassword = Optional.of(value);
        case "cafile" -> caFile = Optional.of(readableFile(value));
        case "require_certificate" -> requireCertificate = Values.bool(value);
        case "use_identity_as_username" -> useIdentityAsUsername = Values.bool(value);
        case "tls_version" -> tlsVersion = TlsVersion.parse(value);
        case "websockets_path" -> websocketsPath = websocketsPath(value);
        // Mosquitto: any negative number means no limit, 0 lets nobody in.
        case "max_connections" ->
            maxConnections =
                Math.max(
                    ListenerLimits.UNLIMITED,
                    Values.integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
        case "max_connect_rate" -> maxConnectRate = connectRate(value);
        // Only with per_listener_settings true (ConfigParser routes it here then).
        case "allow_anonymous" -> allowAnonymous = Optional.of(Values.bool(value));
        default -> throw new IllegalStateException("not a listener option: " + key);
      }
    } catch (BadValueException e) {
      throw origin.error(key, e.getMessage());
    }
  }

  ListenerConfig toConfig() throws ConfigException {
    return new ListenerConfig(
        addressText(),
        portNumber(),
        protocol,
        tls(),
        websocketsPath,
        new ListenerLimits(maxConnections, maxConnectRate, allowAnonymous));
  }

  private Optional<TlsSettings> tls() throws ConfigException {
    if (certFile.isPresent() != keyFile.isPresent()) {
      String present = certFile.isPresent() ? "certfile" : "keyfile";
      String missing = certFile.isPresent() ? "keyfile" : "certfile";
      throw setAt
          .get(present)
          .error(
              present,
              "certfile and keyfile must both be set for TLS; listener "
                  + describe()
                  + " has no "
                  + missing);
    }
    if (certFile.isEmpty()) {
      // Nothing is ignored: a CA file on a plain listener would check nobody's certificate.
      for (String key : new String[] {"cafile", "keyfile_password", "tls_version"}) {
        requireTls(key);
      }
      if (requireCertificate) {
        requireTls("require_certificate");
      }
      if (useIdentityAsUsername) {
        requireTls("use_identity_as_username");
      }
      return Optional.empty();
    }
    if (requireCertificate && caFile.isEmpty()) {
      throw setAt
          .get("require_certificate")
          .error(
              "require_certificate",
              "true needs cafile: the CA certificates that client certificates are checked"
                  + " against");
    }
    if (useIdentityAsUsername && !requireCertificate) {
      throw setAt
          .get("use_identity_as_username")
          .error(
              "use_identity_as_username",
              "true needs require_certificate true: without it clients send no certificate");
    }
    return Optional.of(
        new TlsSettings(
            certFile.get(),
            keyFile.get(),
            keyPassword,
            caFile,
            requireCertificate,
            useIdentityAsUsername,
            tlsVersion));
  }

  private void requireTls(String key) throws ConfigException {
    Origin origin = setAt.get(key);
    if (origin != null) {
      throw origin.error(
          key, "listener " + describe() + " has no certfile and keyfile, so it does not use TLS");
    }
  }

  private static ListenerProtocol protocol(String value) throws BadValueException {
    return switch (value) {
      case "mqtt" -> ListenerProtocol.MQTT;
      case "websockets" -> ListenerProtocol.WEBSOCKETS;
      default ->
          throw new BadValueException(
              Values.quote(value) + " is not allowed; use mqtt or websockets");
    };
  }

  private static String websocketsPath(String value) throws BadValueException {
    if (!value.startsWith("/") || value.chars().anyMatch(Character::isWhitespace)) {
      throw new BadValueException(
          Values.quote(value) + " is not an HTTP path; use one that starts with /, such as /mqtt");
    }
    return value;
  }

  private static int connectRate(String value) throws BadValueException {
    int rate = Values.integer(value, -1, 1_000_000);
    if (rate == 0) {
      throw new BadValueException("0 would refuse every connection; use -1 for no limit");
    }
    return rate;
  }

  private static Path readableFile(String value) throws BadValueException {
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      throw new BadValueException(Values.quote(value) + " is not a file name");
    }
    if (!Files.exists(path)) {
      throw new BadValueException(value + ": no such file");
    }
    if (!Files.isRegularFile(path)) {
      throw new BadValueException(value + ": not a file");
    }
    if (!Files.isReadable(path)) {
      throw new BadValueException(value + ": cannot read the file: permission denied");
    }
    return path;
  }
}
