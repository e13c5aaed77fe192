package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.petrel.broker.auth.PasswordFile;
import io.petrel.broker.auth.PasswordHash;
import io.petrel.broker.auth.Pbkdf2Sha512Hash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does a broker with {@code password_file} let in the users of the file with their passwords only,
 * refuse everyone else alike, and follow changes of the file without a restart?
 */
class PasswordFileIT {
  /** Made by mosquitto_passwd 2.0.11 for alice / wonderland. */
  private static final String ALICE =
      "alice:$7$101$e47HXDhQApbIW0MV$qCyqwJbz/rDyRyr+DgGxFFr7TA+iS8oTvSxjP06xzBhuFYKENIboecumNd8/jXvJpA0f5ZgSfweIIbJMtdseCQ==";

  private static final String REFUSED =
      "Refused connection from 127\\.0\\.0\\.1:[0-9]+ \\(client [^)]+\\): bad user name or"
          + " password \\(0x86 BAD_USER_NAME_OR_PASSWORD(; [0-9]+ more from this address since the"
          + " last line)?\\)";

  @TempDir Path dir;

  @RegisterExtension
  final BrokerExtension broker = BrokerExtension.withConfigAtStart(b -> b.passwordFile(users()));

  /** A fresh file per test: alice, from mosquitto_passwd, behind a comment. */
  private Path users() {
    Path file = dir.resolve("passwd");
    try {
      Files.write(file, List.of("# made by mosquitto_passwd", ALICE));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  private Path file() {
    return dir.resolve("passwd");
  }

  private static PasswordHash hash(String password) {
    return Pbkdf2Sha512Hash.of(password.getBytes(StandardCharsets.UTF_8), 101);
  }

  private PahoClient paho(String user, String password) throws MqttException {
    return PahoClient.connect(
        broker,
        Names.clientId("paho-login"),
        o -> {
          o.setUserName(user);
          o.setPassword(password.toCharArray());
        });
  }

  private int pahoRefusal(String user, String password) {
    try (PahoClient client = paho(user, password)) {
      throw new AssertionError("connected as " + user);
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  private void hiveConnect(String user, String password) {
    Mqtt5BlockingClient client = HiveV5Client.blocking(broker.port(), Names.clientId("hive-login"));
    client
        .connectWith()
        .simpleAuth()
        .username(user)
        .password(password.getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth()
        .send();
    client.disconnect();
  }

  private Mqtt5ConnAckReasonCode hiveRefusal(String user, String password) {
    try {
      hiveConnect(user, password);
    } catch (Mqtt5ConnAckException e) {
      return e.getMqttMessage().getReasonCode();
    }
    throw new AssertionError("connected as " + user);
  }

  @Test
  void pahoConnectsWithTheRightPasswordFromAMosquittoFile() throws Exception {
    try (PahoClient alice = paho("alice", "wonderland")) {
      String topic = Names.topic("auth");
      alice.subscribe(topic, 1);
      alice.publish(topic, "in", 1);
      assertThat(alice.awaitMessage().payload()).isEqualTo("in");
    }
  }

  @Test
  void pahoGetsReturnCode4ForAWrongPasswordAndForAnUnknownUser() {
    assertThat(pahoRefusal("alice", "looking-glass"))
        .isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    assertThat(pahoRefusal("mallory", "wonderland"))
        .isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
  }

  @Test
  void hiveMqMqtt5ConnectsWithTheRightPasswordAndGets0x86Otherwise() {
    hiveConnect("alice", "wonderland");
    assertThat(hiveRefusal("alice", "looking-glass"))
        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    assertThat(hiveRefusal("mallory", "wonderland"))
        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
  }

  @Test
  void aUserNameWithoutAPasswordIsRefusedLikeAWrongPassword() {
    Mqtt5BlockingClient client = HiveV5Client.blocking(broker.port(), Names.clientId("nopw"));
    assertThatThrownBy(
            () -> client.connectWith().simpleAuth().username("alice").applySimpleAuth().send())
        .isInstanceOfSatisfying(
            Mqtt5ConnAckException.class,
            e ->
                assertThat(e.getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
  }

  @Test
  void anonymousClientsAreRefusedOnceThereIsAPasswordFile() throws Exception {
    assertThatThrownBy(() -> PahoClient.connect(broker, Names.clientId("anonymous")))
        .isInstanceOfSatisfying(
            MqttException.class,
            e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    Mqtt5BlockingClient hive = HiveV5Client.blocking(broker.port(), Names.clientId("anonymous5"));
    assertThatThrownBy(hive::connect)
        .isInstanceOfSatisfying(
            Mqtt5ConnAckException.class,
            e ->
                assertThat(e.getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
  }

  @Test
  void refusalsLogOneLineThatNeverSaysWhetherTheUserExistsAndRepeatsAreHeldBack() {
    try (LogCapture log = LogCapture.of("io.petrel.broker.connection")) {
      pahoRefusal("mallory", "guess-1");
      pahoRefusal("alice", "guess-2");
      hiveRefusal("alice", "guess-3");

      List<String> refused =
          log.messages().stream().filter(m -> m.contains("bad user name or password")).toList();
      // One line per source address per 10 s: the second and third attempts are not logged.
      assertThat(refused).hasSize(1);
      assertThat(refused.get(0)).matches(REFUSED).doesNotContain("mallory").doesNotContain("guess");
      assertThat(log.messages()).noneMatch(m -> m.contains("alice") || m.contains("guess"));
    }
  }

  @Test
  void aReloadThatAddsAUserLetsItIn() throws Exception {
    assertThat(pahoRefusal("dave", "d4ve"))
        .isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    PasswordFile.read(file()).withUser("dave", hash("d4ve")).write(file());

    assertThat(broker.broker().reloadPasswords()).isTrue();

    try (PahoClient dave = paho("dave", "d4ve")) {
      assertThat(dave.isConnected()).isTrue();
    }
    hiveConnect("alice", "wonderland");
  }

  @Test
  void aChangedFileIsPickedUpWithinSecondsWithoutBeingAsked() throws Exception {
    try (LogCapture log = LogCapture.of("io.petrel.broker.auth")) {
      PasswordFile.read(file()).withUser("erin", hash("3rin")).write(file());

      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  log.messages().contains("Reloaded the password file " + file() + ": 2 user(s)"));
    }
    hiveConnect("erin", "3rin");
  }

  @Test
  void aReloadThatRemovesAUserRefusesItsNextConnectButKeepsItsOpenConnection() throws Exception {
    try (PahoClient open = paho("alice", "wonderland")) {
      PasswordFile.read(file()).withoutUser("alice").withUser("bob", hash("b0b")).write(file());

      assertThat(broker.broker().reloadPasswords()).isTrue();

      assertThat(pahoRefusal("alice", "wonderland"))
          .isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
      assertThat(hiveRefusal("alice", "wonderland"))
          .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
      String topic = Names.topic("still-open");
      open.subscribe(topic, 1);
      open.publish(topic, "still here", 1);
      assertThat(open.awaitMessage().payload()).isEqualTo("still here");
    }
  }

  @Test
  void aFailedReloadKeepsTheOldUsersAndSaysWhyInOneLine() throws Exception {
    try (LogCapture log = LogCapture.of("io.petrel.broker.auth")) {
      Files.write(file(), List.of(ALICE, "bob:b0b"));

      assertThat(broker.broker().reloadPasswords()).isFalse();

      assertThat(log.messages())
          .containsExactly(
              "Kept the 1 user(s) of the password file: reloading failed: "
                  + file()
                  + ":2: user \"bob\": not a hash Petrel knows; expected $7$ (mosquitto_passwd's"
                  + " default) or $6$");
    }
    try (PahoClient alice = paho("alice", "wonderland")) {
      assertThat(alice.isConnected()).isTrue();
    }
    assertThat(pahoRefusal("bob", "b0b"))
        .isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
  }
}
