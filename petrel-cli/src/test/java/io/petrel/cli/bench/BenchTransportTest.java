package io.petrel.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.ListenerProtocol;
import io.petrel.broker.config.TlsSettings;
import io.petrel.broker.store.Stores;
import io.petrel.broker.transport.TestCertificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Does {@code petrel bench} run over TLS, WebSocket and secure WebSocket with pub's and sub's
 * connection flags? One in-process broker with a listener for each, certificates made at test time.
 */
@Timeout(60)
class BenchTransportTest {
  @TempDir static Path dir;

  private static TestCertificates certificates;
  private static Broker broker;
  private static int tlsPort;
  private static int wsPort;
  private static int wssPort;

  @TempDir Path runDir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startBroker() {
    certificates = TestCertificates.create(dir);
    TlsSettings tls = TlsSettings.of(certificates.serverCertFile(), certificates.serverKeyFile());
    broker =
        Broker.start(
            BrokerConfig.builder()
                .listeners(
                    List.of(
                        ListenerConfig.loopback(0).withTls(tls),
                        ListenerConfig.loopback(0).withProtocol(ListenerProtocol.WEBSOCKETS),
                        ListenerConfig.loopback(0)
                            .withProtocol(ListenerProtocol.WEBSOCKETS)
                            .withTls(tls)))
                .allowAnonymous(true)
                .build(),
            Stores.inMemory());
    tlsPort = broker.boundAddresses().get(0).getPort();
    wsPort = broker.boundAddresses().get(1).getPort();
    wssPort = broker.boundAddresses().get(2).getPort();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  /** The flags that reach the broker by {@code transport}; wss leaves the path to its default. */
  private static List<String> flags(String transport) {
    String ca = certificates.caFile().toString();
    return switch (transport) {
      case "tls" -> List.of("-p", Integer.toString(tlsPort), "--cafile", ca);
      case "ws" -> List.of("--url", "ws://127.0.0.1:" + wsPort + "/mqtt");
      case "wss" -> List.of("--url", "wss://127.0.0.1:" + wssPort, "--cafile", ca);
      default -> throw new IllegalArgumentException(transport);
    };
  }

  private int bench(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.add("--no-progress");
    CommandLine commandLine = new CommandLine(new BenchCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(all.toArray(String[]::new));
  }

  private String benchJson(String transport, String... args) throws IOException {
    Path json = runDir.resolve("summary.json");
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(flags(transport));
    all.addAll(List.of("--json", json.toString()));
    int exit = bench(all);
    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    return Files.readString(json);
  }

  private static double number(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\": (-?[0-9.]+)").matcher(json);
    assertThat(m.find()).as("%s in %s", field, json).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tls", "ws", "wss"})
  void pairsAtQos1DeliverEveryMessageOnce(String transport) throws IOException {
    String json = benchJson(transport, "pairs", "-c", "2", "-n", "200", "-q", "1");

    assertThat(json).contains("\"transport\": \"" + transport + "\"");
    assertThat(number(json, "sent")).isEqualTo(400);
    assertThat(number(json, "received")).isEqualTo(400);
    assertThat(number(json, "lost")).isZero();
    assertThat(number(json, "duplicated")).isZero();
    assertThat(number(json, "connectFailures")).isZero();
    assertThat(json).containsPattern("\"latencyMs\": \\{\"samples\": 400,");
    assertThat(out.toString()).contains("scenario pairs  mqtt 3.1.1 over " + transport + "  qos 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tls", "ws", "wss"})
  void connOpensEveryConnectionAndTimesEachHandshake(String transport) throws IOException {
    String json = benchJson(transport, "conn", "-c", "5", "--hold", "0", "-V", "mqttv5");

    assertThat(number(json, "connections")).isEqualTo(5);
    assertThat(number(json, "connectFailures")).isZero();
    assertThat(json).containsPattern("\"connectLatencyMs\": \\{\"samples\": 5,");
    assertThat(out.toString()).contains("scenario conn  mqtt 5.0 over " + transport);
  }

  @Test
  void aBrokerCertificateFromAnotherCaFailsInOneLineThatNamesTheFix() {
    Path otherCa = TestCertificates.create(runDir).caFile();

    int exit =
        bench(
            List.of(
                "pairs",
                "-n",
                "1",
                "--url",
                "mqtts://127.0.0.1:" + tlsPort,
                "--cafile",
                otherCa.toString()));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "petrel bench: cannot connect to mqtts://127.0.0.1:"
                + tlsPort
                + ": TLS trust failure: the certificate chain of the broker could not be verified"
                + " (give its CA with --cafile)"
                + System.lineSeparator());
  }

  @Test
  void aWebSocketPathTheBrokerDoesNotServeFailsInOneLine() {
    int exit = bench(List.of("pairs", "-n", "1", "--url", "ws://127.0.0.1:" + wsPort + "/nope"));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .startsWith(
            "petrel bench: cannot connect to ws://127.0.0.1:"
                + wsPort
                + "/nope: WebSocket handshake for /nope failed: ")
        .hasLineCount(1);
  }

  @Test
  void tlsToAPlainWebSocketPortFailsInOneLine() {
    int exit =
        bench(
            List.of(
                "conn",
                "-c",
                "1",
                "--url",
                "wss://127.0.0.1:" + wsPort + "/mqtt",
                "--cafile",
                certificates.caFile().toString()));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "petrel bench: cannot connect to wss://127.0.0.1:"
                + wsPort
                + "/mqtt: the broker closed the connection in the TLS handshake (is it a TLS port?)"
                + System.lineSeparator());
  }

  @Test
  void tlsFlagsWithAPlainUrlAreABadCommandLine() {
    int exit =
        bench(
            List.of(
                "pairs",
                "--url",
                "mqtt://127.0.0.1:" + tlsPort,
                "--cafile",
                certificates.caFile().toString()));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("is not TLS but TLS options were given");
  }
}
