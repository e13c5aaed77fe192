package io.petrel.cli.client;

import io.petrel.client.BlockingClient;
import io.petrel.client.ConnectionListener;
import io.petrel.client.Message;
import io.petrel.client.ReconnectPolicy;
import io.petrel.client.SubscribeResult;
import io.petrel.codec.QoS;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petrel sub}: subscribes and prints each message as it arrives ("Listen"), as
 * mosquitto_sub, optionally as JSON lines and into an archive directory.
 */
@Command(
    name = "sub",
    description =
        "Subscribe and print messages as they arrive (\"Listen\"), with mosquitto_sub's"
            + " flags.",
    sortOptions = false,
    usageHelpAutoWidth = true,
    footer = {
      "",
      "Output: the payload as UTF-8 text (-v: \"topic payload\"), one message per line. With"
          + " --format json, one object per line: topic, payload (base64 with"
          + " \"payloadEncoding\":\"base64\" when it is not UTF-8), qos, retain and the MQTT 5"
          + " properties. --archive DIR also writes each payload to its own file with a .json"
          + " sidecar (topic, receivedAt, qos, retain, properties), named to sort by arrival.",
      "",
      "Examples:",
      "  petrel sub -t 'sensors/#' -v",
      "  petrel sub --url wss://broker.example/mqtt -t a -t b --format json",
      "  petrel sub --profile prod -t orders/+ -C 10 -W 30 --archive ./orders",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success: -C messages received, or -W seconds passed without -C",
      "1:failed after connecting: connection lost for good, subscription refused, the archive"
          + " could not be written, a stored password could not be decrypted",
      "2:bad command line: unknown option, bad flag combination, unknown profile",
      "3:could not connect: connection refused, unknown host, TLS failure",
      "4:the broker refused the connection: bad user name or password, not authorized",
      "5:timed out: connecting, or -W passed before -C messages arrived"
    })
public final class SubCommand extends ClientCommand {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Option(
      names = {"-t", "--topic"},
      paramLabel = "FILTER",
      description = "Topic filter to subscribe to, wildcards allowed; may be repeated.")
  List<String> topics = new ArrayList<>();

  @Option(
      names = {"-q", "--qos"},
      paramLabel = "QOS",
      description = "Maximum QoS to receive at, 0, 1 or 2 (default ${DEFAULT-VALUE}).")
  int qos = 0;

  @Option(
      names = {"-C", "--count"},
      paramLabel = "COUNT",
      description = "Exit after COUNT messages.")
  Integer count;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print \"topic payload\" instead of the payload alone.")
  boolean verbose;

  @Option(
      names = {"-W", "--timeout"},
      paramLabel = "SECONDS",
      description =
          "Stop after SECONDS (a timeout, exit 5, if -C messages have not arrived by then); also"
              + " the connect timeout (default 10 s).")
  Integer timeout;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default) or json: one JSON object per message and line.")
  String format = "text";

  @Option(
      names = "--archive",
      paramLabel = "DIR",
      description = "Also write each message to DIR: its payload and a .json sidecar.")
  Path archiveDir;

  private Clock clock = Clock.systemUTC();

  @Override
  void check() {
    if (topics.isEmpty()) {
      throw CliFailure.usage("at least one topic filter is needed: -t FILTER");
    }
    if (qos < 0 || qos > 2) {
      throw CliFailure.usage("-q must be 0, 1 or 2: " + qos);
    }
    if (count != null && count < 1) {
      throw CliFailure.usage("-C must be at least 1: " + count);
    }
    if (timeout != null && timeout < 1) {
      throw CliFailure.usage("-W must be at least 1 second: " + timeout);
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw CliFailure.usage("--format must be text or json: " + format);
    }
  }

  @Override
  int run(Connection connection) throws InterruptedException {
    Archive archive = archiveDir == null ? null : new Archive(archiveDir);
    if (archive != null) {
      archive.open();
    }
    // Messages and a lost connection arrive on the client's callback thread; this thread prints.
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    Duration wait = timeout == null ? CONNECT_TIMEOUT : Duration.ofSeconds(timeout);
    try (BlockingClient client =
        connection
            .builder(session, wait)
            // A long-running subscriber rides out a broker restart, as mosquitto_sub does.
            .reconnect(ReconnectPolicy.exponential())
            .connectionListener(listener(events))
            .buildBlocking()) {
      long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
      connect(client, connection);
      for (String filter : topics) {
        SubscribeResult granted = client.subscribe(filter, QoS.of(qos), events::add);
        debug("subscribed to " + filter + " (granted QoS " + granted.grantedQos().value() + ")");
      }
      int received = 0;
      while (count == null || received < count) {
        Object event = next(events, deadline);
        if (event == null) {
          if (count != null) {
            throw new CliFailure(
                CliFailure.TIMEOUT,
                "timed out after " + timeout + " s: " + received + " of " + count + " messages");
          }
          break;
        }
        if (event instanceof Throwable lost) {
          throw new CliFailure(CliFailure.FAILED, "connection lost: " + lost.getMessage(), lost);
        }
        show((Message) event, archive);
        received++;
      }
      disconnectQuietly(client);
    }
    return CliFailure.OK;
  }

  private ConnectionListener listener(BlockingQueue<Object> events) {
    return new ConnectionListener() {
      @Override
      public void disconnected(Throwable cause, boolean willReconnect) {
        if (willReconnect) {
          debug("connection lost (" + cause.getMessage() + "); reconnecting");
        } else {
          events.add(cause);
        }
      }

      @Override
      public void connected(io.petrel.client.ConnectResult result, boolean reconnect) {
        if (reconnect) {
          debug("reconnected (session present: " + result.sessionPresent() + ")");
        }
      }
    };
  }

  private static Object next(BlockingQueue<Object> events, long deadline)
      throws InterruptedException {
    if (deadline == Long.MAX_VALUE) {
      return events.take();
    }
    long left = deadline - System.nanoTime();
    return left <= 0 ? events.poll() : events.poll(left, TimeUnit.NANOSECONDS);
  }

  private void show(Message m, Archive archive) {
    if (archive != null) {
      archive.write(m, clock.instant());
    }
    String line;
    if (format.equals("json")) {
      line = MessageJson.line(m);
    } else {
      String payload = new String(m.payload().toByteArray(), StandardCharsets.UTF_8);
      line = verbose ? m.topic() + " " + payload : payload;
    }
    out().println(line);
    out().flush();
  }

  private void disconnectQuietly(BlockingClient client) {
    try {
      client.disconnect();
    } catch (RuntimeException e) {
      debug("disconnect: " + e.getMessage());
    }
  }
}
