package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.petrel.broker.auth.PasswordFile;
import io.petrel.broker.auth.Pbkdf2Sha512Hash;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Does Mosquitto itself accept a password file that Petrel wrote? */
class MosquittoPasswordFileIT {
  private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

  @TempDir Path dir;

  @Test
  void mosquittoLetsInTheUsersOfAFilePetrelWroteWithTheirPasswordsOnly() throws Exception {
    assumeTrue(
        Files.isExecutable(MOSQUITTO),
        "Mosquitto is not installed (" + MOSQUITTO + "): apt-get install mosquitto");
    Path passwd = dir.resolve("passwd");
    PasswordFile.empty()
        .withUser("alice", Pbkdf2Sha512Hash.of(utf8("wonderland"), 101))
        .withUser("bob", Pbkdf2Sha512Hash.of(utf8("b0b"), 2000))
        .write(passwd);

    int port = freePort();
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "listener " + port + " 127.0.0.1",
            "allow_anonymous false",
            "password_file " + passwd,
            "persistence false",
            "log_dest stderr",
            // Mosquitto started as root drops to the mosquitto user, who could not read our
            // owner-only file.
            "user " + System.getProperty("user.name"),
            ""));
    Path log = dir.resolve("mosquitto.log");
    Process mosquitto =
        new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !mosquitto.isAlive() || accepts(port));
      assertThat(mosquitto.isAlive()).as("mosquitto runs; its log: %s", read(log)).isTrue();
      String uri = "tcp://127.0.0.1:" + port;

      for (String[] user : new String[][] {{"alice", "wonderland"}, {"bob", "b0b"}}) {
        try (PahoClient client =
            PahoClient.connect(
                uri,
                Names.clientId("mosquitto-" + user[0]),
                o -> {
                  o.setUserName(user[0]);
                  o.setPassword(user[1].toCharArray());
                })) {
          assertThat(client.isConnected()).isTrue();
        }
      }
      assertThatThrownBy(
              () ->
                  PahoClient.connect(
                      uri,
                      Names.clientId("mosquitto-wrong"),
                      o -> {
                        o.setUserName("alice");
                        o.setPassword("looking-glass".toCharArray());
                      }))
          .isInstanceOfSatisfying(
              MqttException.class,
              e ->
                  assertThat(e.getReasonCode())
                      // Mosquitto answers MQTT 3.1.1 clients with 5, not 4.
                      .isIn(
                          (int) MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                          (int) MqttException.REASON_CODE_NOT_AUTHORIZED));
    } finally {
      mosquitto.destroy();
      if (!mosquitto.waitFor(5, TimeUnit.SECONDS)) {
        mosquitto.destroyForcibly();
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
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

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
