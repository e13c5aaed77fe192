package io.petrel.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.petrel.cli.client.Cli.Result;
import io.petrel.cli.client.Cli.Running;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does petrel pub/sub work against another broker? Runs Mosquitto on a loopback ephemeral port;
 * skipped when /usr/sbin/mosquitto is not installed.
 */
@Timeout(60)
class MosquittoInteropTest {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

  @TempDir Path dir;

  @Test
  void pubAndSubWorkAgainstMosquittoWithMqtt311And5() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(MOSQUITTO), "Mosquitto is not installed at " + MOSQUITTO);
    int port = Cli.closedPort();
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "allow_anonymous true\npersistence false\nlog_dest stderr\nuser root\nlistener "
            + port
            + " 127.0.0.1\n");
    Process mosquitto =
        new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> !mosquitto.isAlive() || accepts(port));
      Assumptions.assumeTrue(mosquitto.isAlive(), () -> "Mosquitto did not start: " + log());
      String p = Integer.toString(port);
      for (String version : new String[] {"mqttv311", "mqttv5"}) {
        Running sub =
            Cli.start(
                Cli.sub(Map.of()),
                "-h",
                "127.0.0.1",
                "-p",
                p,
                "-V",
                version,
                "-t",
                "m/#",
                "-q",
                "2",
                "-C",
                "2",
                "-v",
                "-d");
        sub.subscribed(1);

        Result one =
            Cli.run(
                Cli.pub(Map.of()),
                "-h",
                "127.0.0.1",
                "-p",
                p,
                "-V",
                version,
                "-t",
                "m/1",
                "-m",
                "one",
                "-q",
                "1");
        Result two =
            Cli.run(
                Cli.pub(Map.of()),
                "-h",
                "127.0.0.1",
                "-p",
                p,
                "-V",
                version,
                "-t",
                "m/2",
                "-m",
                "two",
                "-q",
                "2");

        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(two.exit()).as(two.err()).isZero();
        assertThat(sub.result().out()).as(version).isEqualTo("m/1 one\nm/2 two\n");
      }
    } finally {
      mosquitto.destroy();
      if (!mosquitto.waitFor(5, TimeUnit.SECONDS)) {
        mosquitto.destroyForcibly();
      }
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("mosquitto.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
