package io.petrel.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Does password_file load as in Mosquitto 2, anonymous access included? */
class PasswordFileConfigTest {
  private static final String ALICE =
      "alice:$7$101$e47HXDhQApbIW0MV$qCyqwJbz/rDyRyr+DgGxFFr7TA+iS8oTvSxjP06xzBhuFYKENIboecumNd8/jXvJpA0f5ZgSfweIIbJMtdseCQ==";

  @TempDir Path dir;

  private Path passwd(String... lines) throws Exception {
    Path file = dir.resolve("passwd");
    Files.write(file, List.of(lines));
    return file;
  }

  private Path config(String... lines) throws Exception {
    Path file = dir.resolve("petrel.conf");
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void aPasswordFileTurnsAnonymousAccessOffEvenWithoutListeners() throws Exception {
    Path passwd = passwd(ALICE);
    BrokerConfig config = ConfigLoader.load(config("password_file " + passwd));
    assertThat(config.passwordFile()).contains(passwd);
    assertThat(config.allowAnonymous()).isFalse();
  }

  @Test
  void allowAnonymousTrueSetExplicitlyLetsAnonymousClientsInBesideThePasswordFile()
      throws Exception {
    Path passwd = passwd(ALICE);
    BrokerConfig config =
        ConfigLoader.load(
            config("listener 1883", "password_file " + passwd, "allow_anonymous true"));
    assertThat(config.allowAnonymous()).isTrue();
  }

  @Test
  void withoutAPasswordFileTheDefaultsStayAsTheyWere() throws Exception {
    assertThat(ConfigLoader.load(config("max_keepalive 60")).allowAnonymous()).isTrue();
    assertThat(ConfigLoader.load(config("listener 1883")).allowAnonymous()).isFalse();
    assertThat(BrokerConfig.defaults().passwordFile()).isEmpty();
    assertThat(BrokerConfig.defaults().allowAnonymous()).isTrue();
  }

  @Test
  void theBuilderTurnsAnonymousAccessOffWithAPasswordFileUnlessToldOtherwise() {
    Path passwd = dir.resolve("passwd");
    assertThat(BrokerConfig.builder().passwordFile(passwd).build().allowAnonymous()).isFalse();
    assertThat(
            BrokerConfig.builder()
                .passwordFile(passwd)
                .allowAnonymous(true)
                .build()
                .allowAnonymous())
        .isTrue();
    BrokerConfig config = BrokerConfig.builder().passwordFile(passwd).build();
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void aMalformedPasswordFileStopsStartUpNamingBothFilesAndTheLines() throws Exception {
    Path passwd = passwd("# users", ALICE, "bob:secret");
    Path config = config("listener 1883", "password_file " + passwd);
    assertThatThrownBy(() -> ConfigLoader.load(config))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            config
                + ":2: password_file: "
                + passwd
                + ":3: user \"bob\": not a hash Petrel knows; expected $7$ (mosquitto_passwd's"
                + " default) or $6$");
  }

  @Test
  void aMissingPasswordFileStopsStartUp() throws Exception {
    Path config = config("password_file " + dir.resolve("nope"));
    assertThatThrownBy(() -> ConfigLoader.load(config))
        .hasMessage(
            config + ":1: password_file: " + dir.resolve("nope") + ": no such password file");
  }

  @Test
  void theEnvironmentMaySetThePasswordFile() throws Exception {
    Path passwd = passwd(ALICE);
    BrokerConfig config = ConfigLoader.defaults(Map.of("PETREL_PASSWORD_FILE", passwd.toString()));
    assertThat(config.passwordFile()).contains(passwd);
    assertThat(config.allowAnonymous()).isFalse();
  }
}
