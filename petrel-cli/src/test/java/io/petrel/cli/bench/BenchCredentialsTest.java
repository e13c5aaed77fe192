package io.petrel.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.store.Stores;
import io.petrel.cli.Petrel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Does {@code petrel bench} log in, with -u/-P or a URL's user:password@, as pub and sub do? */
class BenchCredentialsTest {
  @TempDir static Path dir;

  private static Broker broker;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startBroker() {
    Path passwd = dir.resolve("passwd");
    int made =
        new CommandLine(new Petrel())
            .execute("passwd", "-c", "-b", passwd.toString(), "alice", "s3cret");
    assertThat(made).isZero();
    broker =
        Broker.start(
            BrokerConfig.builder()
                .listeners(List.of(ListenerConfig.loopback(0)))
                .passwordFile(passwd)
                .build(),
            Stores.inMemory());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private int bench(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-c", "5", "--hold", "0", "--no-progress"));
    CommandLine commandLine = new CommandLine(new BenchCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(all.toArray(String[]::new));
  }

  private String port() {
    return Integer.toString(broker.port());
  }

  @Test
  void logsInWithUserAndPasswordFlags() {
    int exit = bench("conn", "-p", port(), "-u", "alice", "-P", "s3cret");

    assertThat(exit).as("stderr: %s", err).isZero();
    assertThat(out.toString()).contains("connections 5 of 5");
  }

  @Test
  void logsInWithTheUrlsCredentials() {
    int exit = bench("conn", "--url", "mqtt://alice:s3cret@127.0.0.1:" + port());

    assertThat(exit).as("stderr: %s", err).isZero();
    assertThat(out.toString()).contains("connections 5 of 5");
  }

  @Test
  void aWrongPasswordIsRefusedAndSaidSoWithoutThePassword() {
    int exit = bench("conn", "-p", port(), "-u", "alice", "-P", "wrong-one");

    assertThat(exit).isNotZero();
    assertThat(out + err.toString()).contains("refused by the broker").doesNotContain("wrong-one");
  }
}
