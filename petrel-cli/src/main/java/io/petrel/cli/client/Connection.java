package io.petrel.cli.client;

import io.petrel.client.PetrelClient;
import io.petrel.client.TlsOptions;
import io.petrel.codec.ProtocolVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The connection settings a pub or sub runs with: the defaults, then the profile's values, then the
 * flags given on the command line, each replacing the one before for its setting. Stored passwords
 * are decrypted only if a flag does not replace them.
 */
final class Connection {
  String host = "localhost";
  Integer port;
  boolean tls;
  String webSocketPath;
  String username;
  Supplier<String> password;
  ProtocolVersion version = ProtocolVersion.MQTT_5;
  Path caFile;
  Path cert;
  Path key;
  Supplier<String> keyPassword;
  boolean insecure;

  /** Resolves the settings of a command: {@code --profile}, then the flags. */
  static Connection resolve(
      ConnectionOptions flags, Optional<String> profileName, Map<String, String> env) {
    flags.check();
    Connection c = new Connection();
    if (profileName.isPresent()) {
      ProfileStore store = ProfileStore.of(env);
      c.apply(store.get(profileName.get()), store);
    }
    c.apply(flags);
    return c;
  }

  private void apply(Profile p, ProfileStore store) {
    host = p.host();
    port = p.port().isPresent() ? p.port().getAsInt() : null;
    tls = p.tls();
    webSocketPath = p.webSocketPath().orElse(null);
    username = p.username().orElse(null);
    password =
        p.encryptedPassword()
            .<Supplier<String>>map(e -> () -> store.decrypt(p.name(), "password", e, "password"))
            .orElse(null);
    p.version().ifPresent(v -> version = v);
    caFile = p.caFile().orElse(null);
    cert = p.cert().orElse(null);
    key = p.key().orElse(null);
    keyPassword =
        p.encryptedKeyPassword()
            .<Supplier<String>>map(
                e -> () -> store.decrypt(p.name(), "keypassword", e, "key password"))
            .orElse(null);
    insecure = p.insecure();
  }

  private void apply(ConnectionOptions f) {
    if (f.url != null) {
      MqttUrl url = MqttUrl.parse(f.url);
      host = url.host();
      port = url.port().isPresent() ? url.port().getAsInt() : null;
      tls = url.tls();
      webSocketPath = url.webSocketPath().orElse(null);
      url.username().ifPresent(u -> username = u);
      url.password().ifPresent(pw -> password = () -> pw);
    }
    if (f.host != null) {
      host = f.host;
    }
    if (f.port != null) {
      port = f.port;
    }
    if (f.username != null) {
      username = f.username;
    }
    if (f.password != null) {
      String pw = f.password;
      password = () -> pw;
    }
    if (f.version != null) {
      version = f.version;
    }
    if (f.caFile != null) {
      caFile = f.caFile;
    }
    if (f.cert != null) {
      cert = f.cert;
      key = f.key;
    }
    if (f.keyPassword != null) {
      String kp = f.keyPassword;
      keyPassword = () -> kp;
    }
    if (f.insecure != null) {
      insecure = f.insecure;
    }
    tls = tls || f.tlsFlags();
  }

  /** host:port as connected to, for error lines. */
  String address() {
    return MqttUrl.format(host, effectivePort(), tls, Optional.ofNullable(webSocketPath));
  }

  int effectivePort() {
    return port != null ? port : MqttUrl.defaultPort(tls, webSocketPath != null);
  }

  /**
   * A client builder with these settings and the session flags; reconnects are off (a command that
   * wants them sets its own policy).
   */
  PetrelClient.Builder builder(SessionOptions session, Duration connectTimeout) {
    if (session.sessionExpiry != null && !version.isMqtt5()) {
      throw CliFailure.usage("-x is an MQTT 5 setting: add -V mqttv5");
    }
    PetrelClient.Builder b =
        PetrelClient.builder()
            .host(host)
            .version(version)
            .keepAlive(Duration.ofSeconds(session.keepAlive))
            .cleanStart(!session.persistent)
            .connectTimeout(connectTimeout)
            .reconnect(io.petrel.client.ReconnectPolicy.disabled());
    if (port != null) {
      b.port(port);
    }
    if (session.clientId != null) {
      b.clientId(session.clientId);
    }
    if (session.sessionExpiry != null) {
      b.sessionExpiry(Duration.ofSeconds(session.sessionExpiry));
    } else if (session.persistent && version.isMqtt5()) {
      // As mosquitto_sub -c: a persistent session that outlives the connection.
      b.sessionExpiry(Duration.ofSeconds(0xFFFF_FFFFL));
    }
    if (webSocketPath != null) {
      b.webSocket(webSocketPath);
    }
    if (username != null) {
      b.username(username);
    }
    if (password != null) {
      b.password(password.get().toCharArray());
    }
    if (tls) {
      b.tls(tlsOptions());
    }
    return b;
  }

  private TlsOptions tlsOptions() {
    return EndpointOptions.tlsOptions(caFile, cert, key, keyPassword, insecure);
  }
}
