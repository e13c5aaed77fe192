package io.petrel.cli.bench;

import io.netty.handler.ssl.SslContext;
import io.petrel.cli.client.CliFailure;
import io.petrel.cli.client.Endpoint;
import io.petrel.cli.client.EndpointOptions;
import io.petrel.client.internal.TlsContexts;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.QoS;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code petrel bench}: a light MQTT load generator with loss, duplicate and latency counts. */
@Command(
    name = "bench",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Load an MQTT broker and measure it: messages sent and received, lost and duplicated (from"
          + " sequence numbers in the payload), throughput, latency percentiles, and this"
          + " generator's own CPU. All clients run on --threads event loops, not a thread each.",
      "",
      "Scenarios (default --clients in brackets):",
      "  fan-in   N publishers to 1 subscriber on <topic>/+  [8]",
      "  fan-out  1 publisher to N subscribers  [50]",
      "  pairs    N publisher/subscriber pairs, each on its own topic  [8]",
      "  latency  pairs at a fixed total --rate, 10,000/s by default  [1]",
      "  pub      N publishers, no subscriber  [8]",
      "  sub      N subscribers on <topic>/#, for a pub run elsewhere  [1]",
      "  conn     N idle connections, opened at --connect-rate  [1000]",
      ""
    },
    footer = {
      "",
      "The payload starts with the publisher index, a sequence number and the send time, so it is"
          + " at least 16 bytes. Loss at QoS 0 is reported but is not an error.",
      "TLS and WebSocket: --url mqtts://host:8883, ws://host:port/path or wss://..., or -p with"
          + " --tls/--cafile; the flags are pub's and sub's. CONNECT goes out once the TLS and"
          + " WebSocket handshakes are done, so the conn scenario's connect latency (TCP connect"
          + " to CONNACK) includes them, and message latency never does: publishing starts"
          + " when every client is connected.",
      "",
      "Exit codes: 0 the run completed; 1 it could not connect or failed; 2 bad command line."
    })
public final class BenchCommand implements Callable<Integer> {
  static final int EXIT_FAILED = 1;

  /** 127.0.0.1 rather than localhost: no name lookup, and no IPv6 first on some systems. */
  static final String DEFAULT_HOST = "127.0.0.1";

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      converter = Scenario.Converter.class,
      completionCandidates = Scenario.Names.class,
      description = "One of ${COMPLETION-CANDIDATES}.")
  Scenario scenario;

  /** -h -p -L/--url -u -P --tls --cafile --cert --key --key-password --insecure, as pub and sub. */
  @Mixin EndpointOptions endpoint;

  @Option(
      names = {"-V", "--mqtt-version"},
      paramLabel = "VERSION",
      converter = VersionConverter.class,
      description = "mqttv311 or mqttv5 (default mqttv311).")
  ProtocolVersion version = ProtocolVersion.MQTT_3_1_1;

  @Option(
      names = {"-q", "--qos"},
      paramLabel = "QOS",
      description = "QoS of publishes and subscriptions: 0, 1 or 2 (default ${DEFAULT-VALUE}).")
  int qos = 0;

  @Option(
      names = {"-s", "--size"},
      paramLabel = "BYTES",
      description = "Payload size, at least 16 (default ${DEFAULT-VALUE}).")
  int size = 64;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      description = "Messages per publisher (for sub: per subscriber); instead of --duration.")
  Optional<Integer> count = Optional.empty();

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "SECONDS",
      description =
          "Measured publishing time after the warmup (default 10; for sub the"
              + " listening time, which --count may cut short).")
  Optional<Double> duration = Optional.empty();

  @Option(
      names = {"-r", "--rate"},
      paramLabel = "MSG/S",
      description =
          "Total messages per second over all publishers; 0 is as fast as possible"
              + " (default 0; latency: 10000).")
  Optional<Integer> rate = Optional.empty();

  @Option(
      names = {"-c", "--clients"},
      paramLabel = "N",
      description = "Publishers, subscribers, pairs or connections, by scenario (defaults above).")
  Optional<Integer> clients = Optional.empty();

  @Option(
      names = "--topic",
      paramLabel = "PREFIX",
      description =
          "Topic prefix; publisher i publishes to <topic>/i (default"
              + " petrel/bench/<run id>); a sub run listening to another run's pub needs its --topic.")
  Optional<String> topic = Optional.empty();

  @Option(
      names = "--inflight",
      paramLabel = "N",
      description = "Unacknowledged QoS 1/2 messages per publisher (default ${DEFAULT-VALUE}).")
  int inflight = 64;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      description =
          "First seconds of publishing not counted in rates and latency (default 1 with"
              + " --duration, 0 with --count).")
  Optional<Double> warmup = Optional.empty();

  @Option(
      names = "--connect-rate",
      paramLabel = "N/S",
      description = "New connections per second; 0 is as fast as possible (default 0; conn: 1000).")
  Optional<Integer> connectRate = Optional.empty();

  @Option(
      names = "--hold",
      paramLabel = "SECONDS",
      description = "conn: how long to keep the connections open (default ${DEFAULT-VALUE}).")
  double hold = 5;

  @Option(
      names = "--persistent",
      description =
          "Connect with persistent sessions (clean session 0; MQTT 5: session expiry of an hour),"
              + " so that a broker with a store writes QoS 1/2 messages to disk.")
  boolean persistent;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Event loop threads of the generator (default ${DEFAULT-VALUE}).")
  int threads = 1;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "Also write the summary as JSON to FILE; - writes it to stdout and the text"
              + " summary to stderr.")
  Optional<String> json = Optional.empty();

  @Option(names = "--no-progress", description = "No progress line (none when not on a terminal).")
  boolean noProgress;

  @Option(names = "--debug", description = "Show stack traces.")
  boolean debug;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() {
    Settings settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean jsonToStdout = json.isPresent() && json.get().equals("-");
    Progress progress = new Progress(err, !noProgress && System.console() != null);
    Summary summary;
    try {
      summary =
          scenario == Scenario.CONN
              ? new ConnRun(settings, progress).run()
              : new LoadRun(settings, progress).run();
    } catch (BenchException e) {
      progress.clear();
      return fail(err, e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(err, "interrupted", e);
    } catch (RuntimeException e) {
      progress.clear();
      return fail(err, e.toString(), e);
    }
    (jsonToStdout ? err : out).print(Report.text(summary));
    (jsonToStdout ? err : out).flush();
    if (json.isPresent()) {
      String text = Report.json(summary) + System.lineSeparator();
      if (jsonToStdout) {
        out.print(text);
        out.flush();
      } else {
        try {
          Files.writeString(Path.of(json.get()), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
          return fail(err, "cannot write " + json.get() + ": " + e.getMessage(), e);
        }
      }
    }
    return 0;
  }

  private int fail(PrintWriter err, String message, Exception e) {
    err.println("petrel bench: " + message);
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_FAILED;
  }

  /** Checks the command line and fills in the scenario's defaults. */
  Settings settings() {
    boolean sub = scenario == Scenario.SUB;
    require(qos >= 0 && qos <= 2, "--qos must be 0, 1 or 2");
    require(
        size >= Payload.HEADER_SIZE && size <= 256 * 1024 * 1024,
        "--size must be at least "
            + Payload.HEADER_SIZE
            + " bytes (the payload header) and at most 256 MiB");
    require(count.isEmpty() || duration.isEmpty() || sub, "give --count or --duration, not both");
    require(count.orElse(1) > 0, "--count must be positive");
    require(duration.orElse(1.0) > 0, "--duration must be positive");
    require(rate.orElse(0) >= 0, "--rate must be 0 or more");
    require(clients.orElse(1) > 0, "--clients must be positive");
    require(inflight > 0 && inflight < 0xFFFF, "--inflight must be 1 to 65534");
    require(threads > 0, "--threads must be positive");
    require(connectRate.orElse(0) >= 0, "--connect-rate must be 0 or more");
    require(hold >= 0 && warmup.orElse(0.0) >= 0, "--hold and --warmup must be 0 or more");
    int n = clients.orElse(scenario.defaultClients());
    String runId =
        Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    long perPublisher = count.map(Integer::longValue).orElse(0L);
    boolean timed = perPublisher == 0;
    Endpoint broker;
    Optional<SslContext> sslContext;
    try {
      broker = endpoint.resolve(DEFAULT_HOST);
      sslContext = broker.tls().map(TlsContexts::create);
    } catch (CliFailure | IllegalArgumentException e) {
      // Contradicting flags, an unreadable or broken PEM file, a key that does not open.
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    return new Settings(
        scenario,
        broker,
        sslContext,
        version,
        QoS.of(qos),
        size,
        perPublisher,
        duration.orElse(10.0),
        rate.orElse(scenario.defaultRate()),
        n,
        scenario.publishers(n),
        scenario.subscribers(n),
        topic.orElse("petrel/bench/" + runId),
        inflight,
        threads,
        connectRate.orElse(scenario == Scenario.CONN ? 1000 : 0),
        hold,
        warmup.orElse(timed && !sub && scenario != Scenario.CONN ? 1.0 : 0.0),
        runId,
        persistent);
  }

  private void require(boolean condition, String message) {
    if (!condition) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  /** mqttv311 / mqttv5, as emqtt-bench and MQTTX name them, or plain 3.1.1 / 5. */
  static final class VersionConverter implements CommandLine.ITypeConverter<ProtocolVersion> {
    @Override
    public ProtocolVersion convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "mqttv311", "3.1.1", "311", "4" -> ProtocolVersion.MQTT_3_1_1;
        case "mqttv5", "5", "5.0" -> ProtocolVersion.MQTT_5;
        default ->
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not mqttv311 or mqttv5");
      };
    }
  }
}
