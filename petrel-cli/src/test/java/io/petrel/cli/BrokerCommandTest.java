package io.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.PersistenceSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BrokerCommandTest {
  private static final long TIMEOUT_SECONDS = 30;

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();
  private final BrokerCommand command = new BrokerCommand().withEnvironment(Map.of());
  private CompletableFuture<Integer> exit;

  private CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine;
  }

  /** Runs the command on another thread, as main would, and waits until the broker is up. */
  private Broker startInBackground(String... args) throws Exception {
    exit = CompletableFuture.supplyAsync(() -> commandLine().execute(args));
    CompletableFuture.anyOf(command.started(), exit).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(command.started()).as("started; stderr: %s", err).isDone();
    return command.started().get();
  }

  @AfterEach
  void stopTheBroker() {
    if (exit != null && !exit.isDone()) {
      command.stop();
    }
  }

  @Test
  void aBadConfigFileExitsWith2AndSaysWhereWithoutAStackTrace() throws IOException {
    Path config = dir.resolve("petrel.conf");
    Files.writeString(config, "listener 1883\nmax_packet_size 12x\n");

    int code = commandLine().execute("--config", config.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("petrel: " + config + ":2: max_packet_size: \"12x\" is not a number\n");
  }

  @Test
  void aMalformedPasswordFileExitsWith2NamingItsLineWithoutTheHash() throws IOException {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "# users\nalice:$7$101$e47HXDhQApbIW0MV\n");
    Path config = dir.resolve("petrel.conf");
    Files.writeString(config, "password_file " + passwd + "\n");

    int code = commandLine().execute("--config", config.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "petrel: "
                + config
                + ":1: password_file: "
                + passwd
                + ":2: user \"alice\": malformed hash; expected $7$<iterations>$<salt>$<hash>\n");
  }

  @Test
  void aMissingConfigFileExitsWith2() {
    Path config = dir.resolve("missing.conf");

    assertThat(commandLine().execute("-c", config.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("petrel: " + config + ": no such config file\n");
  }

  @Test
  void aBadEnvironmentOverrideExitsWith2AndNamesTheVariable() {
    command.withEnvironment(Map.of("PETREL_MAX_KEEPALIVE", "forever"));

    assertThat(commandLine().execute()).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "petrel: environment variable PETREL_MAX_KEEPALIVE: \"forever\" is not a number\n");
  }

  @Test
  void withoutConfigItListensOnLoopbackAcceptsTcpAndStopsCleanly() throws Exception {
    Broker broker = startInBackground("--port", "0", "--data-dir", dir.resolve("data").toString());

    assertThat(broker.config().listeners().get(0).bindAddress()).isEqualTo("127.0.0.1");
    assertThat(broker.config().allowAnonymous()).isTrue();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", broker.port()), 5_000);
      assertThat(socket.isConnected()).isTrue();
    }
    command.stop();
    assertThat(exit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void portAndBindReplaceTheFirstListenerOfTheConfigFile() throws Exception {
    Path config = dir.resolve("petrel.conf");
    Files.writeString(config, "listener 1883\nallow_anonymous true\n");

    Broker broker =
        startInBackground(
            "-c",
            config.toString(),
            "-p",
            "0",
            "--bind",
            "127.0.0.1",
            "--data-dir",
            dir.resolve("data").toString());

    assertThat(broker.config().listeners()).hasSize(1);
    assertThat(broker.config().listeners().get(0).bindAddress()).isEqualTo("127.0.0.1");
    assertThat(broker.port()).isNotEqualTo(1883);
    try (Socket socket = new Socket("127.0.0.1", broker.port())) {
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void aPortInUseExitsWith1() {
    BrokerConfig config =
        BrokerConfig.builder()
            .listeners(List.of(ListenerConfig.loopback(0)))
            .persistence(PersistenceSettings.memory())
            .build();
    try (Broker other = Broker.start(config)) {
      int code =
          commandLine()
              .execute(
                  "--port",
                  String.valueOf(other.port()),
                  "--data-dir",
                  dir.resolve("data").toString());

      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).startsWith("petrel: ");
    }
  }

  @Test
  void aDataDirectoryInUseByAnotherBrokerExitsWith1AndSaysSo() {
    Path data = dir.resolve("data");
    BrokerConfig config =
        BrokerConfig.builder()
            .listeners(List.of(ListenerConfig.loopback(0)))
            .persistence(PersistenceSettings.defaults().withDirectory(data))
            .build();
    try (Broker other = Broker.start(config)) {
      int code = commandLine().execute("--port", "0", "--data-dir", data.toString());

      assertThat(code).isEqualTo(1);
      assertThat(err.toString()).startsWith("petrel: the data directory " + data + " is in use");
    }
  }

  @Test
  void petrelWithoutASubcommandPrintsUsage() {
    CommandLine petrel = Petrel.commandLine();
    petrel.setErr(new PrintWriter(err, true));

    assertThat(petrel.execute()).isEqualTo(2);
    assertThat(err.toString())
        .contains("Missing subcommand")
        .contains("Usage: petrel")
        .contains("broker");
  }
}
