package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Does the broker's view of the password file check passwords and follow changes safely? */
class PasswordFileAuthenticatorTest {
  private static final String ALICE = "alice:" + PasswordHashTest.ALICE;
  private static final String CAROL = "carol:" + PasswordHashTest.CAROL;

  @TempDir Path dir;
  private Path file;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(PasswordFileAuthenticator.class);

  @BeforeEach
  void captureLog() throws Exception {
    file = dir.resolve("passwd");
    Files.write(file, List.of(ALICE));
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stopCapture() {
    logger.detachAppender(log);
  }

  private List<String> messages() {
    synchronized (log) {
      return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theRightPasswordPassesAndAWrongOneOrAnUnknownUserDoesNot() throws Exception {
    PasswordFileAuthenticator passwords = PasswordFileAuthenticator.open(file);
    assertThat(passwords.userCount()).isEqualTo(1);
    assertThat(passwords.check("alice", utf8("wonderland"))).isTrue();
    assertThat(passwords.check("alice", utf8("looking-glass"))).isFalse();
    assertThat(passwords.check("mallory", utf8("wonderland"))).isFalse();
    assertThat(passwords.check("Alice", utf8("wonderland"))).isFalse();
  }

  @Test
  void aReloadSeesAddedAndRemovedUsersAndLogsHowMany() throws Exception {
    PasswordFileAuthenticator passwords = PasswordFileAuthenticator.open(file);
    Files.write(file, List.of(CAROL, "# alice left"));

    assertThat(passwords.reload()).isTrue();

    assertThat(passwords.check("carol", utf8("pass6"))).isTrue();
    assertThat(passwords.check("alice", utf8("wonderland"))).isFalse();
    assertThat(messages()).containsExactly("Reloaded the password file " + file + ": 1 user(s)");
  }

  @Test
  void aFailedReloadKeepsTheOldUsersAndLogsOneLineWhy() throws Exception {
    PasswordFileAuthenticator passwords = PasswordFileAuthenticator.open(file);
    Files.write(file, List.of(CAROL, "bob:$7$broken"));

    assertThat(passwords.reload()).isFalse();

    assertThat(passwords.check("alice", utf8("wonderland"))).isTrue();
    assertThat(passwords.check("carol", utf8("pass6"))).isFalse();
    assertThat(messages())
        .containsExactly(
            "Kept the 1 user(s) of the password file: reloading failed: "
                + file
                + ":2: user \"bob\": malformed hash; expected $7$<iterations>$<salt>$<hash>");

    Files.delete(file);
    assertThat(passwords.reload()).isFalse();
    assertThat(passwords.check("alice", utf8("wonderland"))).isTrue();
    assertThat(messages().get(1)).endsWith(file + ": no such password file");
  }

  @Test
  void aChangedFileIsReloadedByTheWatchAndAnUnchangedOneIsNot() throws Exception {
    try (PasswordFileAuthenticator passwords = PasswordFileAuthenticator.open(file)) {
      passwords.watch(Duration.ofMillis(50));
      Files.write(file, List.of(ALICE, CAROL));

      await().atMost(Duration.ofSeconds(10)).until(() -> passwords.check("carol", utf8("pass6")));
      // One change, one reload, however many checks ran.
      await().during(Duration.ofMillis(300)).until(() -> messages().size() == 1);
    }
  }

  @Test
  void aBrokenFileIsReportedOnceNotAtEveryCheck() throws Exception {
    try (PasswordFileAuthenticator passwords = PasswordFileAuthenticator.open(file)) {
      passwords.watch(Duration.ofMillis(50));
      Files.write(file, List.of("no colon here"));

      await().atMost(Duration.ofSeconds(10)).until(() -> !messages().isEmpty());
      await().during(Duration.ofMillis(300)).until(() -> messages().size() == 1);
      assertThat(messages().get(0)).contains(":1: expected username:hash, found no ':'");
      assertThat(passwords.check("alice", utf8("wonderland"))).isTrue();
    }
  }
}
