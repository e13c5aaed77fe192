package io.petrel.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.PersistenceSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code petrel bench} in-process against an embedded broker. */
@Timeout(30)
class BenchCommandTest {
  private static final List<String> FIELDS =
      List.of(
          "scenario",
          "qos",
          "payloadSize",
          "publishers",
          "subscribers",
          "durationSeconds",
          "sent",
          "received",
          "lost",
          "duplicated",
          "sendRate",
          "receiveRate",
          "latencyMs",
          "cpuSeconds",
          "cpuCores",
          "connectFailures");

  private static Broker broker;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startBroker() {
    broker =
        Broker.start(
            BrokerConfig.builder()
                .listeners(List.of(ListenerConfig.loopback(0)))
                .persistence(PersistenceSettings.memory())
                .build());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private int bench(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-p", Integer.toString(broker.port()), "--no-progress"));
    CommandLine commandLine = new CommandLine(new BenchCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(all.toArray(String[]::new));
  }

  /** Runs with --json to a file and returns the JSON. */
  private String benchJson(String... args) throws IOException {
    Path json = dir.resolve("summary.json");
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--json", json.toString()));
    int exit = bench(all.toArray(String[]::new));
    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    return Files.readString(json);
  }

  private static double number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\": (-?[0-9.]+)").matcher(json);
    assertThat(m.find()).as("%s in %s", field, json).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void fanInAtQos1DeliversEveryMessageOnceAndWritesEverySummaryFieldAsJson() throws IOException {
    String json = benchJson("fan-in", "-c", "2", "-n", "200", "-q", "1");

    assertThat(json).startsWith("{\"scenario\": \"fan-in\"");
    for (String field : FIELDS) {
      assertThat(json).contains("\"" + field + "\": ");
    }
    assertThat(json)
        .containsPattern(
            "\"latencyMs\": \\{\"samples\": 400, \"p50\": [0-9.]+, \"p90\": [0-9.]+,"
                + " \"p99\": [0-9.]+, \"p999\": [0-9.]+, \"max\": [0-9.]+\\}");
    assertThat(number(json, "publishers")).isEqualTo(2);
    assertThat(number(json, "subscribers")).isEqualTo(1);
    assertThat(number(json, "sent")).isEqualTo(400);
    assertThat(number(json, "received")).isEqualTo(400);
    assertThat(number(json, "lost")).isZero();
    assertThat(number(json, "duplicated")).isZero();
    assertThat(number(json, "connectFailures")).isZero();
    assertThat(out.toString())
        .contains("scenario fan-in  mqtt 3.1.1  qos 1  size 64 B  publishers 2  subscribers 1")
        .contains("sent 400 (")
        .contains("received 400 (")
        .contains("lost 0  duplicated 0")
        .contains("latency ms  p50 ")
        .contains("load generator CPU ");
  }

  @Test
  void fanOutAtQos2GivesEverySubscriberEveryMessageExactlyOnce() throws IOException {
    String json = benchJson("fan-out", "-c", "3", "-n", "100", "-q", "2");

    assertThat(number(json, "sent")).isEqualTo(100);
    assertThat(number(json, "received")).isEqualTo(300);
    assertThat(number(json, "lost")).isZero();
    assertThat(number(json, "duplicated")).isZero();
  }

  @Test
  void pairsOverMqtt5CountEachSubscriberOnlyItsOwnPublisher() throws IOException {
    String json = benchJson("pairs", "-c", "4", "-n", "150", "-q", "1", "-V", "mqttv5");

    assertThat(json).contains("\"mqttVersion\": \"5.0\"");
    assertThat(number(json, "sent")).isEqualTo(600);
    assertThat(number(json, "received")).isEqualTo(600);
    assertThat(number(json, "lost")).isZero();
    assertThat(number(json, "duplicated")).isZero();
  }

  @Test
  void aLatencyRunHoldsItsRateForItsDurationAfterTheWarmup() throws IOException {
    String json = benchJson("latency", "-r", "1000", "-d", "2", "--warmup", "0.5");

    assertThat(json).contains("\"endedBy\": \"duration\"");
    assertThat(number(json, "durationSeconds")).isCloseTo(2.0, within(0.2));
    assertThat(number(json, "sendRate")).isCloseTo(1000, within(100.0));
    assertThat(number(json, "sent")).isCloseTo(2500, within(250.0));
    assertThat(number(json, "received")).isEqualTo(number(json, "sent"));
    assertThat(json).containsPattern("\"samples\": (19|20|21)[0-9]{2},");
  }

  @Test
  void connOpensEveryConnectionAndReportsTheConnectRate() throws IOException {
    String json = benchJson("conn", "-c", "50", "--hold", "0");

    assertThat(number(json, "connections")).isEqualTo(50);
    assertThat(number(json, "connectFailures")).isZero();
    assertThat(number(json, "connectRate")).isPositive();
    assertThat(out.toString()).contains("connections 50 of 50  failures 0");
  }

  @Test
  void withNoBrokerItSaysSoInOneLineAndExitsWith1() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CommandLine commandLine = new CommandLine(new BenchCommand());
    commandLine.setErr(new PrintWriter(err, true));

    int exit = commandLine.execute("fan-in", "-p", Integer.toString(closedPort), "-n", "1");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "petrel bench: cannot connect to 127.0.0.1:"
                + closedPort
                + ": Connection refused"
                + System.lineSeparator());
  }

  @Test
  void aPayloadTooSmallForTheHeaderIsABadCommandLine() {
    assertThat(bench("pairs", "-s", "8")).isEqualTo(2);
    assertThat(err.toString()).contains("--size must be at least 16 bytes");
  }

  @Test
  void countAndDurationTogetherAreABadCommandLine() {
    assertThat(bench("pairs", "-n", "10", "-d", "1")).isEqualTo(2);
  }
}
