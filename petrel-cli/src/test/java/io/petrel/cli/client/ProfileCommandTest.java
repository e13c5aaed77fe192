package io.petrel.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.Broker;
import io.petrel.cli.client.Cli.Result;
import io.petrel.cli.client.Cli.Running;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** petrel profile, and pub and sub with --profile. */
@Timeout(60)
class ProfileCommandTest {
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String OTHER_KEY =
      Base64.getEncoder()
          .encodeToString("another key of exactly 32 bytes!".getBytes(StandardCharsets.US_ASCII));

  private static Broker broker;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    broker = Cli.broker(true);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private Map<String, String> env(String key) {
    return key == null
        ? Map.of(ProfileStore.CONFIG_HOME, dir.toString())
        : Map.of(ProfileStore.CONFIG_HOME, dir.toString(), ProfileStore.ENCRYPTION_KEY, key);
  }

  private Result profile(Map<String, String> env, String... args) {
    return Cli.run(new ProfileCommand().withEnvironment(env), args);
  }

  private Result profile(String... args) {
    return profile(env(KEY), args);
  }

  @Test
  void addListShowAndRemoveAProfile() {
    Result added =
        profile(
            "add",
            "local",
            "--host",
            "127.0.0.1",
            "--port",
            "1884",
            "-u",
            "alice",
            "-P",
            "s3cret",
            "-V",
            "mqttv311");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out())
        .isEqualTo(
            "profile local saved in "
                + dir.resolve("profiles.properties")
                + ": mqtt://127.0.0.1:1884\n");
    profile("add", "cloud", "--url", "wss://broker.example/ws", "--insecure");

    assertThat(profile("list").out())
        .isEqualTo(
            "cloud  wss://broker.example:443/ws\nlocal  mqtt://127.0.0.1:1884  user alice\n");
    assertThat(profile("show", "local"))
        .isEqualTo(
            new Result(
                0,
                "profile:  local\n"
                    + "url:      mqtt://127.0.0.1:1884\n"
                    + "username: alice\n"
                    + "password: (stored, encrypted)\n"
                    + "version:  mqttv311\n",
                ""));

    assertThat(profile("remove", "local").exit()).isZero();
    assertThat(profile("list").out()).isEqualTo("cloud  wss://broker.example:443/ws\n");
    assertThat(profile("remove", "local"))
        .isEqualTo(
            new Result(
                2,
                "",
                "profile remove: unknown profile \"local\" (petrel profile list shows the profiles)\n"));
  }

  @Test
  void theFileHoldsThePasswordEncryptedAndIsPrivate() throws Exception {
    profile(
        "add",
        "p",
        "--host",
        "h",
        "-u",
        "alice",
        "-P",
        "clear-text-password",
        "--cert",
        "c.pem",
        "--key",
        "k.pem",
        "--key-password",
        "key-secret");

    Path file = dir.resolve("profiles.properties");
    String text = Files.readString(file);
    assertThat(text)
        .doesNotContain("clear-text-password")
        .doesNotContain("key-secret")
        .containsPattern("profile\\.p\\.password=aes-256-gcm:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]+\n");
    Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void theSamePasswordEncryptsDifferentlyEachTime() throws Exception {
    profile("add", "a", "--host", "h", "-u", "u", "-P", "same");
    profile("add", "b", "--host", "h", "-u", "u", "-P", "same");

    String text = Files.readString(dir.resolve("profiles.properties"));
    String a = text.replaceAll("(?s).*profile\\.a\\.password=([^\n]*).*", "$1");
    String b = text.replaceAll("(?s).*profile\\.b\\.password=([^\n]*).*", "$1");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void withoutAnEnvironmentKeyAKeyFileIsCreatedPrivateAndUsed() throws Exception {
    Map<String, String> env = env(null);
    assertThat(
            profile(
                    env,
                    "add",
                    "p",
                    "--host",
                    "127.0.0.1",
                    "-p",
                    Integer.toString(broker.port()),
                    "-u",
                    "u",
                    "-P",
                    "pw")
                .exit())
        .isZero();

    Path keyFile = dir.resolve("encryption.key");
    assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
          .isEqualTo("rw-------");
    }
    Result pub = Cli.run(Cli.pub(env), "--profile", "p", "-t", "t", "-m", "m");
    assertThat(pub.exit()).as(pub.err()).isZero();
  }

  @Test
  void aWrongEncryptionKeyIsRefusedInOneLine() {
    profile(
        "add",
        "p",
        "--host",
        "127.0.0.1",
        "-p",
        Integer.toString(broker.port()),
        "-u",
        "u",
        "-P",
        "pw");

    Result pub = Cli.run(Cli.pub(env(OTHER_KEY)), "--profile", "p", "-t", "t", "-m", "m");

    assertThat(pub)
        .isEqualTo(
            new Result(
                1, "", "pub: cannot decrypt the password of profile p: wrong encryption key\n"));
  }

  @Test
  void aPassphraseKeyIsStretchedWithTheFilesSalt() throws Exception {
    Map<String, String> env = env("correct horse battery staple");
    profile(
        env,
        "add",
        "p",
        "--host",
        "127.0.0.1",
        "-p",
        Integer.toString(broker.port()),
        "-u",
        "u",
        "-P",
        "pw");

    assertThat(Files.readString(dir.resolve("profiles.properties")))
        .containsPattern("kdf\\.salt=\\S+");
    assertThat(Cli.run(Cli.pub(env), "--profile", "p", "-t", "t", "-m", "m").exit()).isZero();
    assertThat(
            Cli.run(
                    Cli.pub(env("Correct horse battery staple")),
                    "--profile",
                    "p",
                    "-t",
                    "t",
                    "-m",
                    "m")
                .err())
        .isEqualTo("pub: cannot decrypt the password of profile p: wrong encryption key\n");
  }

  @Test
  void pubAndSubTakeTheirConnectionFromAProfile() throws Exception {
    profile("add", "local", "--url", "mqtt://127.0.0.1:" + broker.port());
    Running sub =
        Cli.start(Cli.sub(env(KEY)), "--profile", "local", "-t", "profiled", "-C", "1", "-v", "-d");
    sub.subscribed(1);

    Result pub =
        Cli.run(Cli.pub(env(KEY)), "--profile", "local", "-t", "profiled", "-m", "via profile");

    assertThat(pub.exit()).as(pub.err()).isZero();
    assertThat(sub.result().out()).isEqualTo("profiled via profile\n");
  }

  @Test
  void flagsReplaceTheProfilesValues() throws Exception {
    int closed = Cli.closedPort();
    profile("add", "stale", "--host", "127.0.0.1", "--port", Integer.toString(closed));

    assertThat(Cli.run(Cli.pub(env(KEY)), "--profile", "stale", "-t", "t", "-m", "m").exit())
        .isEqualTo(CliFailure.CANNOT_CONNECT);
    assertThat(
            Cli.run(
                    Cli.pub(env(KEY)),
                    "--profile",
                    "stale",
                    "-p",
                    Integer.toString(broker.port()),
                    "-t",
                    "t",
                    "-m",
                    "m")
                .exit())
        .isZero();
  }

  @Test
  void anUnknownProfileIsAUsageError() {
    assertThat(Cli.run(Cli.sub(env(KEY)), "--profile", "nope", "-t", "t"))
        .isEqualTo(
            new Result(
                2, "", "sub: unknown profile \"nope\" (petrel profile list shows the profiles)\n"));
    assertThat(profile("show", "nope").exit()).isEqualTo(2);
  }

  @Test
  void badProfileNamesAndMissingHostsAreRefused() {
    assertThat(profile("add", "a b", "--host", "h").exit()).isEqualTo(2);
    assertThat(profile("add", "p").err())
        .isEqualTo("profile add: a profile needs --host HOST or --url URL\n");
  }

  @Test
  void theConfigDirectoryFollowsXdgWhenPetrelsOwnIsNotSet() {
    assertThat(ProfileStore.configDirectory(Map.of("XDG_CONFIG_HOME", "/x")))
        .isEqualTo(Path.of("/x", "petrel"));
    assertThat(ProfileStore.configDirectory(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "petrel"));
  }
}
