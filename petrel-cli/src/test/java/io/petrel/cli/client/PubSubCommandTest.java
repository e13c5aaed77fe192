package io.petrel.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.Broker;
import io.petrel.cli.client.Cli.Result;
import io.petrel.cli.client.Cli.Running;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** petrel pub and petrel sub against an in-process broker. */
@Timeout(60)
class PubSubCommandTest {
  private static Broker broker;
  private static String port;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    broker = Cli.broker(true);
    port = Integer.toString(broker.port());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static Result pub(String... args) {
    return Cli.run(Cli.pub(Map.of()), withPort(args));
  }

  private static Running sub(String... args) {
    return Cli.start(Cli.sub(Map.of()), withPort(args));
  }

  private static String[] withPort(String... args) {
    return Stream.concat(Stream.of("-h", "127.0.0.1", "-p", port), Stream.of(args))
        .toArray(String[]::new);
  }

  @Test
  void subWithCountAndVerbosePrintsTopicAndPayloadOfEachMessageThenExits() throws Exception {
    Running sub = sub("-t", "count/#", "-C", "2", "-v", "-d").subscribed(1);

    assertThat(pub("-t", "count/a", "-m", "hello").exit()).isZero();
    assertThat(pub("-t", "count/b", "-m", "second message").exit()).isZero();

    Result result = sub.result();
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("count/a hello\ncount/b second message\n");
  }

  @Test
  void withoutVerboseSubPrintsThePayloadAlone() throws Exception {
    Running sub = sub("-t", "plain", "-C", "1", "-d").subscribed(1);

    pub("-t", "plain", "-m", "just this");

    assertThat(sub.result().out()).isEqualTo("just this\n");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void messagesArriveAtTheQosAskedFor(int qos) throws Exception {
    String q = Integer.toString(qos);
    Running sub = sub("-t", "qos/" + q, "-q", q, "-C", "1", "--format", "json", "-d").subscribed(1);

    Result pub = pub("-t", "qos/" + q, "-q", q, "-m", "at qos " + q);

    assertThat(pub.exit()).as(pub.err()).isZero();
    assertThat(sub.result().out())
        .isEqualTo(
            "{\"topic\":\"qos/"
                + q
                + "\",\"payload\":\"at qos "
                + q
                + "\",\"qos\":"
                + q
                + ",\"retain\":false}\n");
  }

  @Test
  void aRetainedMessageReachesALaterSubscriberAndAnEmptyOneClearsIt() throws Exception {
    assertThat(pub("-t", "retained/1", "-m", "kept", "-r", "-q", "1").exit()).isZero();

    Result first =
        Cli.run(
            Cli.sub(Map.of()), withPort("-t", "retained/1", "-C", "1", "-v", "--format", "json"));
    assertThat(first.out()).contains("\"payload\":\"kept\"").contains("\"retain\":true");

    assertThat(pub("-t", "retained/1", "-n", "-r", "-q", "1").exit()).isZero();
    Result after = Cli.run(Cli.sub(Map.of()), withPort("-t", "retained/1", "-C", "1", "-W", "1"));
    assertThat(after.exit()).isEqualTo(CliFailure.TIMEOUT);
    assertThat(after.out()).isEmpty();
  }

  @Test
  void dashLSendsEachLineOfStdinAsAMessageAndSkipsBlankLines() throws Exception {
    Running sub = sub("-t", "lines", "-C", "3", "-d").subscribed(1);
    byte[] input = "one\ntwo\r\n\nthree".getBytes(StandardCharsets.UTF_8);

    Result pub =
        Cli.run(
            Cli.pub(Map.of()),
            new ByteArrayInputStream(input),
            withPort("-t", "lines", "-l", "-q", "1"));

    assertThat(pub.exit()).as(pub.err()).isZero();
    assertThat(sub.result().out()).isEqualTo("one\ntwo\nthree\n");
  }

  @Test
  void dashFSendsTheBytesOfTheFile() throws Exception {
    Path file = dir.resolve("message.txt");
    Files.writeString(file, "from a file\nwith two lines");
    Running sub = sub("-t", "file", "-C", "1", "--format", "json", "-d").subscribed(1);

    assertThat(pub("-t", "file", "-f", file.toString()).exit()).isZero();

    assertThat(sub.result().out()).contains("\"payload\":\"from a file\\nwith two lines\"");
  }

  @Test
  void jsonShowsANonUtf8PayloadAsBase64() throws Exception {
    Path file = dir.resolve("binary");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'A'});
    Running sub = sub("-t", "binary", "-C", "1", "--format", "json", "-d").subscribed(1);

    pub("-t", "binary", "-f", file.toString());

    assertThat(sub.result().out())
        .isEqualTo(
            "{\"topic\":\"binary\",\"payload\":\"//4AQQ==\",\"payloadEncoding\":\"base64\","
                + "\"qos\":0,\"retain\":false}\n");
  }

  @Test
  void jsonShowsTheMqtt5PropertiesOfTheMessage() throws Exception {
    Running sub = sub("-t", "props", "-C", "1", "--format", "json", "-d").subscribed(1);

    Result pub =
        pub(
            "-t",
            "props",
            "-m",
            "{\"a\":1}",
            "--user-property",
            "origin=line \"7\"",
            "--user-property",
            "origin=again",
            "--content-type",
            "application/json",
            "--response-topic",
            "replies/1",
            "--correlation-data",
            "req-1",
            "--message-expiry",
            "3600");

    assertThat(pub.exit()).as(pub.err()).isZero();
    assertThat(sub.result().out())
        .startsWith(
            "{\"topic\":\"props\",\"payload\":\"{\\\"a\\\":1}\",\"qos\":0,\"retain\":false,"
                + "\"userProperties\":[{\"name\":\"origin\",\"value\":\"line \\\"7\\\"\"},"
                + "{\"name\":\"origin\",\"value\":\"again\"}],"
                + "\"contentType\":\"application/json\",\"responseTopic\":\"replies/1\","
                + "\"correlationData\":\"cmVxLTE=\",\"messageExpiryInterval\":")
        .containsPattern("\"messageExpiryInterval\":(3600|3599)}\n$");
  }

  @Test
  void archiveWritesEachPayloadAndASidecarNamedInArrivalOrder() throws Exception {
    Path archive = dir.resolve("archive");
    Running sub =
        sub("-t", "arch/+", "-C", "2", "-q", "1", "--archive", archive.toString(), "-d")
            .subscribed(1);

    pub("-t", "arch/1", "-m", "first", "-q", "1");
    pub("-t", "arch/2", "-f", writeBytes(new byte[] {1, 2, 3}).toString(), "-q", "1");

    assertThat(sub.result().exit()).isZero();
    List<String> names;
    try (Stream<Path> files = Files.list(archive)) {
      names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
    assertThat(names).hasSize(4);
    assertThat(names.get(0)).matches("\\d{8}T\\d{6}\\.\\d{3}Z-000001\\.json");
    assertThat(names.get(1)).isEqualTo(names.get(0).replace(".json", ".payload"));
    assertThat(names.get(2)).endsWith("-000002.json");
    assertThat(Files.readString(archive.resolve(names.get(1)))).isEqualTo("first");
    assertThat(Files.readAllBytes(archive.resolve(names.get(3)))).containsExactly(1, 2, 3);
    assertThat(Files.readString(archive.resolve(names.get(0))))
        .matches(
            "\\{\"topic\":\"arch/1\",\"receivedAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\","
                + "\"qos\":1,\"retain\":false,\"payloadFile\":\""
                + names.get(1).replace(".", "\\.")
                + "\",\"payloadBytes\":5\\}\n");
  }

  private Path writeBytes(byte[] bytes) throws Exception {
    Path file = dir.resolve("bytes");
    Files.write(file, bytes);
    return file;
  }

  @Test
  void severalTopicsCanBeSubscribedAtOnce() throws Exception {
    Running sub = sub("-t", "multi/a", "-t", "multi/b", "-C", "2", "-v", "-d").subscribed(2);

    pub("-t", "multi/b", "-m", "b");
    pub("-t", "multi/a", "-m", "a");

    assertThat(sub.result().out()).isEqualTo("multi/b b\nmulti/a a\n");
  }

  @Test
  void mqtt31WorksForOldBrokers() throws Exception {
    Running sub = sub("-V", "mqttv31", "-t", "v31", "-C", "1", "-v", "-d").subscribed(1);

    assertThat(pub("-V", "mqttv31", "-t", "v31", "-m", "older", "-q", "1").exit()).isZero();

    assertThat(sub.result().out()).isEqualTo("v31 older\n");
  }

  @Test
  void mqtt311WorksToo() throws Exception {
    Running sub = sub("-V", "mqttv311", "-t", "v311", "-C", "1", "-v", "-d").subscribed(1);

    assertThat(pub("-V", "mqttv311", "-t", "v311", "-m", "old", "-q", "2").exit()).isZero();

    assertThat(sub.result().out()).isEqualTo("v311 old\n");
  }

  @Test
  void aUrlSetsHostAndPort() throws Exception {
    Running sub =
        Cli.start(
            Cli.sub(Map.of()), "--url", "mqtt://127.0.0.1:" + port, "-t", "url", "-C", "1", "-d");
    sub.subscribed(1);

    Result pub =
        Cli.run(Cli.pub(Map.of()), "-L", "mqtt://127.0.0.1:" + port, "-t", "url", "-m", "u");

    assertThat(pub.exit()).as(pub.err()).isZero();
    assertThat(sub.result().out()).isEqualTo("u\n");
  }

  @Test
  void subTimesOutWhenFewerThanCountMessagesArrive() {
    Result result = Cli.run(Cli.sub(Map.of()), withPort("-t", "silence", "-C", "1", "-W", "1"));

    assertThat(result.exit()).isEqualTo(CliFailure.TIMEOUT);
    assertThat(result.err()).isEqualTo("sub: timed out after 1 s: 0 of 1 messages\n");
  }

  @Test
  void subWithoutCountStopsCleanlyAfterTheTimeout() {
    Result result = Cli.run(Cli.sub(Map.of()), withPort("-t", "silence", "-W", "1"));

    assertThat(result.exit()).isZero();
    assertThat(result.err()).isEmpty();
  }

  // ---- errors ----------------------------------------------------------------------------------

  @Test
  void aClosedPortGivesOneLineAndExitCode3() throws Exception {
    int closed = Cli.closedPort();

    Result result =
        Cli.run(
            Cli.pub(Map.of()),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(closed),
            "-t",
            "t",
            "-m",
            "x");

    assertThat(result.exit()).isEqualTo(CliFailure.CANNOT_CONNECT);
    assertThat(result.err())
        .isEqualTo("pub: connection refused: 127.0.0.1:" + closed + " (is a broker listening?)\n");
  }

  @Test
  void badCredentialsGiveOneLineAndExitCode4() {
    Broker closedBroker = Cli.broker(false);
    try {
      Result result =
          Cli.run(
              Cli.sub(Map.of()),
              "-h",
              "127.0.0.1",
              "-p",
              Integer.toString(closedBroker.port()),
              "-u",
              "alice",
              "-P",
              "wrong",
              "-t",
              "t");

      assertThat(result.exit()).isEqualTo(CliFailure.REFUSED);
      assertThat(result.err())
          .isEqualTo(
              "sub: bad user name or password: the broker at 127.0.0.1:"
                  + closedBroker.port()
                  + " refused the connection\n");
    } finally {
      closedBroker.close();
    }
  }

  @Test
  void debugAddsTheStackTrace() throws Exception {
    int closed = Cli.closedPort();

    Result result =
        Cli.run(
            Cli.pub(Map.of()),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(closed),
            "-t",
            "t",
            "-m",
            "x",
            "-d");

    assertThat(result.err()).startsWith("pub: connection refused").contains("\tat ");
  }

  @Test
  void badFlagCombinationsAreRefusedInOneLineWithExitCode2() {
    assertThat(pub("-t", "t", "-m", "a", "-n"))
        .isEqualTo(
            new Result(2, "", "pub: give exactly one of -m MESSAGE, -f FILE, -l, -s or -n\n"));
    assertThat(pub("-m", "a")).isEqualTo(new Result(2, "", "pub: a topic is needed: -t TOPIC\n"));
    assertThat(pub("-t", "t", "-m", "a", "-c"))
        .isEqualTo(new Result(2, "", "pub: -c needs a client id (-i) to find the session again\n"));
    assertThat(pub("-t", "t", "-m", "a", "--url", "mqtt://localhost"))
        .isEqualTo(
            new Result(2, "", "pub: --url already gives the host and port: drop -h/-p or --url\n"));
    assertThat(pub("-t", "a/#", "-m", "a").exit()).isEqualTo(2);
    assertThat(pub("-t", "t", "-m", "a", "-V", "mqttv311", "--content-type", "x").err())
        .isEqualTo("pub: MQTT 5 properties need MQTT 5: drop -V 3.1.1\n");
    assertThat(
            Cli.run(Cli.sub(Map.of()), "-t", "t", "--url", "mqtt://h", "--cafile", "ca.pem").err())
        .isEqualTo(
            "sub: --url mqtt://h is not TLS but TLS options were given: use mqtts:// or wss://\n");
  }
}
