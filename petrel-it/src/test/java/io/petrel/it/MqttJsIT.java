package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.TlsSettings;
import io.petrel.broker.transport.TestCertificates;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Does MQTT.js, the browser and Node.js client, work over ws:// and wss://? */
class MqttJsIT {
  /** The version DEPENDENCIES.md records as known to resolve. */
  private static final String MQTT_JS = "mqtt@5.16.0";

  private static final String SCRIPT =
      """
      const mqtt = require('mqtt');
      const [url, topic] = process.argv.slice(2);
      const client = mqtt.connect(url, {
        clientId: 'mqttjs-' + process.pid,
        connectTimeout: 5000,
        reconnectPeriod: 0,
      });
      const timer = setTimeout(() => { console.log('timeout'); process.exit(2); }, 10000);
      client.on('error', (e) => { console.log('error ' + e.message); process.exit(1); });
      client.on('connect', () => {
        client.subscribe(topic, { qos: 1 }, (err) => {
          if (err) { console.log('error ' + err.message); process.exit(1); }
          client.publish(topic, 'hello from mqtt.js', { qos: 1 });
        });
      });
      client.on('message', (t, payload) => {
        console.log('received ' + t + ' ' + payload.toString());
        clearTimeout(timer);
        client.end(false, {}, () => process.exit(0));
      });
      """;

  @TempDir static Path dir;
  private static TestCertificates certificates;

  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withListeners(
          () -> {
            certificates = TestCertificates.create(dir);
            return List.of(
                ListenerConfig.loopback(0),
                ListenerConfig.loopback(0)
                    .withTls(
                        TlsSettings.of(
                            certificates.serverCertFile(), certificates.serverKeyFile())));
          });

  @BeforeAll
  static void installMqttJs() throws Exception {
    assumeTrue(
        onPath("node") && onPath("npm"),
        "node and npm are not installed: skipping the MQTT.js tests (apt-get install nodejs npm)");
    Path project = Files.createDirectories(dir.resolve("mqttjs"));
    Files.writeString(project.resolve("package.json"), "{\"private\": true}\n");
    Files.writeString(project.resolve("client.js"), SCRIPT);
    Result install =
        run(
            project,
            Map.of(),
            180,
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            MQTT_JS);
    assertThat(install.exitCode()).as("npm install %s: %s", MQTT_JS, install.output()).isZero();
  }

  @Test
  void mqttJsConnectsSubscribesAndPublishesOverWs() throws Exception {
    String topic = Names.topic("mqttjs-ws");
    Result result = node("ws://127.0.0.1:" + BROKER.port(0) + "/mqtt", topic, Map.of());
    assertThat(result.output()).contains("received " + topic + " hello from mqtt.js");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void mqttJsConnectsSubscribesAndPublishesOverWss() throws Exception {
    String topic = Names.topic("mqttjs-wss");
    Result result =
        node(
            "wss://127.0.0.1:" + BROKER.port(1) + "/mqtt",
            topic,
            Map.of("NODE_EXTRA_CA_CERTS", certificates.caFile().toString()));
    assertThat(result.output()).contains("received " + topic + " hello from mqtt.js");
    assertThat(result.exitCode()).isZero();
  }

  private static Result node(String url, String topic, Map<String, String> env)
      throws IOException, InterruptedException {
    return run(dir.resolve("mqttjs"), env, 20, "node", "client.js", url, topic);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(
      Path workDir, Map<String, String> env, long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(dir, "process", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      return new Result(-1, "timed out: " + Files.readString(output, StandardCharsets.UTF_8));
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private static boolean onPath(String program) {
    List<String> dirs =
        new ArrayList<>(
            List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    return dirs.stream().anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
