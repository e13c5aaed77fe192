package io.petrel.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Mosquitto broker run by a test on a loopback ephemeral port with a generated config; the test
 * is skipped when Mosquitto is not installed.
 */
final class Mosquitto implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  private final Process process;
  private final int port;
  private final Path log;

  private Mosquitto(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static void assumeInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(BINARY),
        "Mosquitto is not installed (" + BINARY + "): apt-get install mosquitto to run this test");
  }

  /**
   * Starts Mosquitto with one listener on 127.0.0.1 and a free port.
   *
   * @param listenerLines the config lines that follow {@code listener N 127.0.0.1}
   * @return the broker, or empty when it would not start (its log says why)
   */
  static Mosquitto start(Path dir, String listenerLines) throws Exception {
    assumeInstalled();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "per_listener_settings false\n"
            + "allow_anonymous true\n"
            + "persistence false\n"
            + "log_dest stderr\n"
            + "log_type all\n"
            + "user root\n"
            + "listener "
            + port
            + " 127.0.0.1\n"
            + listenerLines);
    Path log = dir.resolve("mosquitto.log");
    Process process =
        new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Mosquitto m = new Mosquitto(process, port, log);
    try {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !process.isAlive() || accepts(port));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      m.close();
      throw new IllegalStateException("Mosquitto did not open port " + port + ": " + m.log(), e);
    }
    return m; // not running if it refused the config: the caller reads why from the log
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  boolean running() {
    return process.isAlive();
  }

  int port() {
    return port;
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
