package io.petrel.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-listener keys: TLS, WebSocket path and limits, and what the loader says when wrong. */
class ListenerOptionsConfigTest {
  @TempDir Path dir;

  private Path file;
  private Path cert;
  private Path key;
  private Path ca;

  @BeforeEach
  void tlsFiles() throws IOException {
    // The loader checks only that the files can be read; their content is read by the listener.
    cert = Files.writeString(dir.resolve("server.pem"), "cert");
    key = Files.writeString(dir.resolve("server.key"), "key");
    ca = Files.writeString(dir.resolve("ca.pem"), "ca");
  }

  private BrokerConfig load(String... lines) throws Exception {
    return ConfigLoader.load(write(lines));
  }

  private Path write(String... lines) throws IOException {
    file = dir.resolve("petrel.conf");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private String errorOf(String... lines) throws IOException {
    Path path = write(lines);
    try {
      ConfigLoader.load(path);
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a ConfigException");
  }

  private ListenerConfig only(BrokerConfig config) {
    assertThat(config.listeners()).hasSize(1);
    return config.listeners().get(0);
  }

  @Test
  void perListenerSettingsGiveEachListenerItsOwnAllowAnonymous() throws Exception {
    BrokerConfig config =
        load(
            "per_listener_settings true",
            "listener 1883 127.0.0.1",
            "allow_anonymous true",
            "listener 1884 127.0.0.1",
            "allow_anonymous false",
            "listener 1885 127.0.0.1");
    assertThat(config.listeners())
        .extracting(l -> l.limits().allowAnonymous())
        .containsExactly(Optional.of(true), Optional.of(false), Optional.empty());
    assertThat(config.allowAnonymous()).isFalse(); // the global default once listeners exist
  }

  @Test
  void withoutPerListenerSettingsAllowAnonymousStaysGlobal() throws Exception {
    BrokerConfig config = load("listener 1883 127.0.0.1", "allow_anonymous true");
    assertThat(config.allowAnonymous()).isTrue();
    assertThat(only(config).limits().allowAnonymous()).isEmpty();
  }

  @Test
  void perListenerSettingsAfterAListenerIsAnError() throws Exception {
    assertThat(errorOf("listener 1883", "per_listener_settings true"))
        .isEqualTo(
            file
                + ":2: per_listener_settings: must come before the first listener line, as it"
                + " changes them");
  }

  @Test
  void aMosquittoTlsListenerWithClientCertificatesIsRead() throws Exception {
    ListenerConfig listener =
        only(
            load(
                "listener 8883",
                "cafile " + ca,
                "certfile " + cert,
                "keyfile " + key,
                "require_certificate true",
                "use_identity_as_username true",
                "tls_version tlsv1.3"));
    assertThat(listener.tls())
        .contains(
            new TlsSettings(
                cert, key, Optional.empty(), Optional.of(ca), true, true, TlsVersion.TLS_1_3));
  }

  @Test
  void tlsDefaultsToTls12AndUpWithoutClientCertificates() throws Exception {
    TlsSettings tls =
        only(load("listener 8883", "certfile " + cert, "keyfile " + key)).tls().orElseThrow();
    assertThat(tls).isEqualTo(TlsSettings.of(cert, key));
    assertThat(tls.minVersion().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @Test
  void keyfilePasswordIsPetrelsKeyForAnEncryptedKeyAndStaysOutOfToString() throws Exception {
    TlsSettings tls =
        only(load(
                "listener 8883",
                "certfile " + cert,
                "keyfile " + key,
                "keyfile_password secret words"))
            .tls()
            .orElseThrow();
    assertThat(tls.keyPassword()).contains("secret words");
    assertThat(tls.toString()).doesNotContain("secret");
  }

  @Test
  void keysAfterAListenerLineApplyToThatListenerOnly() throws Exception {
    BrokerConfig config =
        load(
            "listener 1883",
            "max_connections 10",
            "listener 8883",
            "certfile " + cert,
            "keyfile " + key,
            "listener 9001",
            "protocol websockets",
            "websockets_path /ws",
            "max_connect_rate 5");
    assertThat(config.listeners())
        .containsExactly(
            new ListenerConfig("0.0.0.0", 1883, ListenerProtocol.MQTT)
                .withLimits(new ListenerLimits(10, -1)),
            new ListenerConfig("0.0.0.0", 8883, ListenerProtocol.MQTT)
                .withTls(TlsSettings.of(cert, key)),
            new ListenerConfig("0.0.0.0", 9001, ListenerProtocol.WEBSOCKETS)
                .withWebsocketsPath("/ws")
                .withLimits(new ListenerLimits(-1, 5)));
  }

  @Test
  void keysBeforeTheFirstListenerLineApplyToTheDefaultListener() throws Exception {
    BrokerConfig config = load("port 8883", "certfile " + cert, "keyfile " + key, "listener 1883");
    assertThat(config.listeners().get(0).tls()).isEmpty();
    assertThat(config.listeners().get(1).port()).isEqualTo(8883);
    assertThat(config.listeners().get(1).tls()).contains(TlsSettings.of(cert, key));
  }

  @Test
  void defaultsBeforeTheFirstListenerLineOpenNoDefaultListenerAsInMosquitto() throws Exception {
    assertThat(load("max_connections -1", "protocol mqtt", "listener 1883").listeners())
        .containsExactly(new ListenerConfig("0.0.0.0", 1883, ListenerProtocol.MQTT));
  }

  @Test
  void maxConnectionsFollowsMosquittoNegativeIsUnlimitedAndZeroLetsNobodyIn() throws Exception {
    assertThat(only(load("listener 1883", "max_connections -1")).limits())
        .isEqualTo(ListenerLimits.NONE);
    assertThat(only(load("listener 1883", "max_connections -5")).limits())
        .isEqualTo(ListenerLimits.NONE);
    assertThat(only(load("listener 1883", "max_connections 0")).limits().maxConnections()).isZero();
    assertThat(errorOf("listener 1883", "max_connections lots"))
        .isEqualTo(file + ":2: max_connections: \"lots\" is not a number");
  }

  @Test
  void maxConnectRateIsPositiveOrMinusOne() throws Exception {
    assertThat(only(load("listener 1883", "max_connect_rate 20")).limits().maxConnectRate())
        .isEqualTo(20);
    assertThat(only(load("listener 1883", "max_connect_rate -1")).limits())
        .isEqualTo(ListenerLimits.NONE);
    assertThat(errorOf("listener 1883", "max_connect_rate 0"))
        .isEqualTo(
            file + ":2: max_connect_rate: 0 would refuse every connection; use -1 for no limit");
    assertThat(errorOf("listener 1883", "max_connect_rate -2"))
        .isEqualTo(file + ":2: max_connect_rate: -2 is out of range; use -1 to 1000000");
  }

  @Test
  void websocketsPathMustBeAnHttpPath() throws Exception {
    assertThat(errorOf("listener 9001", "websockets_path mqtt"))
        .isEqualTo(
            file
                + ":2: websockets_path: \"mqtt\" is not an HTTP path; use one that starts with /,"
                + " such as /mqtt");
  }

  @Test
  void certfileWithoutKeyfileNamesBothKeys() throws Exception {
    assertThat(errorOf("listener 8883", "certfile " + cert))
        .isEqualTo(
            file
                + ":2: certfile: certfile and keyfile must both be set for TLS; listener"
                + " 0.0.0.0:8883 has no keyfile");
    assertThat(errorOf("listener 8883", "", "keyfile " + key))
        .isEqualTo(
            file
                + ":3: keyfile: certfile and keyfile must both be set for TLS; listener"
                + " 0.0.0.0:8883 has no certfile");
  }

  @Test
  void tlsKeysOnAListenerWithoutTlsAreErrorsNotIgnored() throws Exception {
    String plain = " listener 0.0.0.0:1883 has no certfile and keyfile, so it does not use TLS";
    assertThat(errorOf("listener 1883", "cafile " + ca)).isEqualTo(file + ":2: cafile:" + plain);
    assertThat(errorOf("listener 1883", "tls_version tlsv1.2"))
        .isEqualTo(file + ":2: tls_version:" + plain);
    assertThat(errorOf("listener 1883", "keyfile_password x"))
        .isEqualTo(file + ":2: keyfile_password:" + plain);
    assertThat(errorOf("listener 1883", "require_certificate true"))
        .isEqualTo(file + ":2: require_certificate:" + plain);
    assertThat(errorOf("listener 1883", "use_identity_as_username true"))
        .isEqualTo(file + ":2: use_identity_as_username:" + plain);
  }

  @Test
  void falseTlsSwitchesOnAPlainListenerAreHarmlessAsInMosquitto() throws Exception {
    assertThat(
            only(load(
                    "listener 1883", "require_certificate false", "use_identity_as_username false"))
                .tls())
        .isEmpty();
  }

  @Test
  void requireCertificateNeedsCafile() throws Exception {
    assertThat(
            errorOf(
                "listener 8883", "certfile " + cert, "keyfile " + key, "require_certificate true"))
        .isEqualTo(
            file
                + ":4: require_certificate: true needs cafile: the CA certificates that client"
                + " certificates are checked against");
  }

  @Test
  void useIdentityAsUsernameNeedsRequireCertificate() throws Exception {
    assertThat(
            errorOf(
                "listener 8883",
                "certfile " + cert,
                "keyfile " + key,
                "cafile " + ca,
                "use_identity_as_username true"))
        .isEqualTo(
            file
                + ":5: use_identity_as_username: true needs require_certificate true: without it"
                + " clients send no certificate");
  }

  @Test
  void tlsVersionIsTls12OrTls13() throws Exception {
    String[] tls = {"listener 8883", "certfile " + cert, "keyfile " + key};
    assertThat(errorOf(tls[0], tls[1], tls[2], "tls_version tlsv1.1"))
        .isEqualTo(
            file
                + ":4: tls_version: tlsv1.1 is not supported by Petrel (the JDK disables it); use"
                + " tlsv1.2 or tlsv1.3");
    assertThat(errorOf(tls[0], tls[1], tls[2], "tls_version ssl3"))
        .isEqualTo(file + ":4: tls_version: \"ssl3\" is not allowed; use tlsv1.2 or tlsv1.3");
  }

  @Test
  void aMissingOrUnreadableFileNamesTheKeyAndLine() throws Exception {
    Path missing = dir.resolve("nope.pem");
    assertThat(errorOf("listener 8883", "certfile " + missing, "keyfile " + key))
        .isEqualTo(file + ":2: certfile: " + missing + ": no such file");
    assertThat(errorOf("listener 8883", "certfile " + dir, "keyfile " + key))
        .isEqualTo(file + ":2: certfile: " + dir + ": not a file");
  }

  @Test
  void aListenerKeySetTwiceOnOneListenerIsAnError() throws Exception {
    assertThat(errorOf("listener 1883", "max_connections 1", "max_connections 2"))
        .isEqualTo(file + ":3: max_connections: already set at line 2");
    // ... but each listener may set it once.
    assertThat(
            load("listener 1883", "max_connections 1", "listener 1884", "max_connections 2")
                .listeners())
        .hasSize(2);
  }

  @Test
  void theSampleDocumentsEveryListenerKey() throws IOException {
    List<String> documented =
        Files.readAllLines(Path.of("../config/petrel.conf")).stream()
            .filter(line -> line.matches("^#[a-z0-9_]+ .+$"))
            .map(line -> line.substring(1, line.indexOf(' ')))
            .toList();
    assertThat(documented)
        .containsAll(MosquittoKeys.LISTENER.stream().filter(k -> !k.equals("listener")).toList());
  }

  @Test
  void listenerKeysCannotBeSetFromTheEnvironment() throws Exception {
    Path path = write();
    try {
      ConfigLoader.load(path, Map.of("PETREL_CERTFILE", cert.toString()));
      throw new AssertionError("expected a ConfigException");
    } catch (ConfigException e) {
      assertThat(e.getMessage())
          .isEqualTo(
              "environment variable PETREL_CERTFILE: certfile cannot be set from the environment;"
                  + " define listeners in the config file");
    }
  }
}
