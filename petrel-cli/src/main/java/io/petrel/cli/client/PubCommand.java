package io.petrel.cli.client;

import io.petrel.client.BlockingClient;
import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.QoS;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code petrel pub}: publishes one message, a file, or stdin line by line, as mosquitto_pub. */
@Command(
    name = "pub",
    description = "Publish a message (\"Send\"), with mosquitto_pub's flags.",
    sortOptions = false,
    usageHelpAutoWidth = true,
    footer = {
      "",
      "Examples:",
      "  petrel pub -t sensors/1/temperature -m 21.5 -q 1",
      "  petrel pub --url mqtts://broker.example --cafile ca.pem -u alice -P pw -t a -m hi",
      "  tail -f app.log | petrel pub -t logs/app -l",
      "  petrel pub --profile prod -t config/device7 -f config.json -r",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failed after connecting: connection lost, publish refused, the file could not be read,"
          + " a stored password could not be decrypted",
      "2:bad command line: unknown option, bad flag combination, unknown profile",
      "3:could not connect: connection refused, unknown host, TLS failure",
      "4:the broker refused the connection: bad user name or password, not authorized",
      "5:timed out"
    })
public final class PubCommand extends ClientCommand {
  /** Connect timeout without -W. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Option(
      names = {"-t", "--topic"},
      paramLabel = "TOPIC",
      description = "Topic to publish to (no wildcards).")
  String topic;

  @Option(
      names = {"-m", "--message"},
      paramLabel = "MESSAGE",
      description = "The message, sent as UTF-8.")
  String message;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Send the bytes of FILE as the message.")
  Path file;

  @Option(
      names = {"-l", "--stdin-line"},
      description =
          "Send each line of stdin as a message (without its newline; blank lines are"
              + " skipped).")
  boolean lines;

  @Option(
      names = {"-s", "--stdin-file"},
      description = "Send all of stdin as one message.")
  boolean wholeStdin;

  @Option(
      names = {"-n", "--null-message"},
      description = "Send an empty message (with -r: clears the retained message).")
  boolean nullMessage;

  @Option(
      names = {"-q", "--qos"},
      paramLabel = "QOS",
      description = "Quality of service, 0, 1 or 2 (default ${DEFAULT-VALUE}).")
  int qos = 0;

  @Option(
      names = {"-r", "--retain"},
      description = "Ask the broker to keep the message as the topic's retained message.")
  boolean retain;

  @Option(
      names = {"-W", "--timeout"},
      paramLabel = "SECONDS",
      description =
          "Give up when connecting or an acknowledgement takes longer (default 10 s to connect,"
              + " 60 s per acknowledgement).")
  Integer timeout;

  @Option(
      names = "--user-property",
      paramLabel = "NAME=VALUE",
      description = "MQTT 5 user property; may be repeated.")
  List<String> userProperties = new ArrayList<>();

  @Option(names = "--content-type", paramLabel = "TYPE", description = "MQTT 5 content type.")
  String contentType;

  @Option(names = "--response-topic", paramLabel = "TOPIC", description = "MQTT 5 response topic.")
  String responseTopic;

  @Option(
      names = "--correlation-data",
      paramLabel = "TEXT",
      description = "MQTT 5 correlation data (its UTF-8 bytes).")
  String correlationData;

  @Option(
      names = "--message-expiry",
      paramLabel = "SECONDS",
      description = "MQTT 5 message expiry interval.")
  Long messageExpiry;

  @Override
  void check() {
    if (topic == null) {
      throw CliFailure.usage("a topic is needed: -t TOPIC");
    }
    int sources =
        (message != null ? 1 : 0)
            + (file != null ? 1 : 0)
            + (lines ? 1 : 0)
            + (wholeStdin ? 1 : 0)
            + (nullMessage ? 1 : 0);
    if (sources != 1) {
      throw CliFailure.usage("give exactly one of -m MESSAGE, -f FILE, -l, -s or -n");
    }
    if (qos < 0 || qos > 2) {
      throw CliFailure.usage("-q must be 0, 1 or 2: " + qos);
    }
    if (timeout != null && timeout < 1) {
      throw CliFailure.usage("-W must be at least 1 second: " + timeout);
    }
    if (messageExpiry != null && (messageExpiry < 0 || messageExpiry > 0xFFFF_FFFFL)) {
      throw CliFailure.usage("--message-expiry must be 0 to 4294967295: " + messageExpiry);
    }
    for (String p : userProperties) {
      if (p.indexOf('=') < 1) {
        throw CliFailure.usage("--user-property takes NAME=VALUE: " + p);
      }
    }
  }

  @Override
  int run(Connection connection) throws InterruptedException {
    MqttProperties properties = properties();
    if (!properties.isEmpty() && !connection.version.isMqtt5()) {
      throw CliFailure.usage("MQTT 5 properties need MQTT 5: drop -V " + connection.version);
    }
    byte[] payload = lines ? null : payload();
    Duration wait = timeout == null ? null : Duration.ofSeconds(timeout);
    try (BlockingClient client =
        connection.builder(session, wait != null ? wait : CONNECT_TIMEOUT).buildBlocking()) {
      if (wait != null) {
        client.timeout(wait);
      }
      connect(client, connection);
      if (lines) {
        publishLines(client, properties);
      } else {
        publish(client, payload, properties);
      }
      client.disconnect();
    }
    return CliFailure.OK;
  }

  private void publish(BlockingClient client, byte[] payload, MqttProperties properties) {
    client.publish(topic, payload, QoS.of(qos), retain, properties);
    debug("published " + payload.length + " bytes to " + topic + " at QoS " + qos);
  }

  /** -l: a line is sent as soon as it is read, so a slow producer's lines go out as they come. */
  private void publishLines(BlockingClient client, MqttProperties properties) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      InputStream in = stdin;
      for (int b = in.read(); ; b = in.read()) {
        if (b == '\n' || b == -1) {
          byte[] bytes = line.toByteArray();
          int length = bytes.length;
          if (length > 0 && bytes[length - 1] == '\r') {
            length--;
          }
          if (length > 0) {
            publish(client, java.util.Arrays.copyOf(bytes, length), properties);
          }
          line.reset();
          if (b == -1) {
            return;
          }
        } else {
          line.write(b);
        }
      }
    } catch (IOException e) {
      throw new CliFailure(CliFailure.FAILED, "cannot read stdin: " + e.getMessage(), e);
    }
  }

  private byte[] payload() {
    if (message != null) {
      return message.getBytes(StandardCharsets.UTF_8);
    }
    if (nullMessage) {
      return new byte[0];
    }
    try {
      return file != null ? Files.readAllBytes(file) : stdin.readAllBytes();
    } catch (NoSuchFileException e) {
      throw new CliFailure(CliFailure.FAILED, "no such file: " + file, e);
    } catch (IOException e) {
      throw new CliFailure(
          CliFailure.FAILED,
          "cannot read " + (file != null ? file : "stdin") + ": " + e.getMessage(),
          e);
    }
  }

  private MqttProperties properties() {
    MqttProperties.Builder b = MqttProperties.builder();
    for (String p : userProperties) {
      int eq = p.indexOf('=');
      b.userProperty(p.substring(0, eq), p.substring(eq + 1));
    }
    if (contentType != null) {
      b.string(PropertyId.CONTENT_TYPE, contentType);
    }
    if (responseTopic != null) {
      b.string(PropertyId.RESPONSE_TOPIC, responseTopic);
    }
    if (correlationData != null) {
      b.binary(PropertyId.CORRELATION_DATA, Bytes.utf8(correlationData));
    }
    if (messageExpiry != null) {
      b.integer(PropertyId.MESSAGE_EXPIRY_INTERVAL, messageExpiry);
    }
    return b.build();
  }
}
