package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Does Petrel read, check and write password files as Mosquitto and mosquitto_passwd do? */
class PasswordFileTest {
  private static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");
  private static final String ALICE = "alice:" + PasswordHashTest.ALICE;
  private static final String CAROL = "carol:" + PasswordHashTest.CAROL;

  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static PasswordFile parse(String... lines) throws PasswordFileException {
    return PasswordFile.parse("passwd", List.of(lines));
  }

  private static String errorOf(String... lines) {
    try {
      parse(lines);
    } catch (PasswordFileException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a PasswordFileException");
  }

  @Test
  void usersAreReadInFileOrderSkippingCommentsAndBlankLines() throws Exception {
    PasswordFile file = parse("# users", ALICE, "", "  # indented", "   ", CAROL);
    assertThat(file.users()).containsOnlyKeys("alice", "carol");
    assertThat(file.users().keySet()).containsExactly("alice", "carol");
    assertThat(file.user("alice").orElseThrow().matches(utf8("wonderland"))).isTrue();
    assertThat(file.user("carol").orElseThrow().matches(utf8("pass6"))).isTrue();
    assertThat(file.user("bob")).isEmpty();
  }

  @Test
  void blanksAroundNameAndHashAreTrimmedAsMosquittoDoes() throws Exception {
    PasswordFile file = parse(" alice :" + PasswordHashTest.ALICE + " \t");
    assertThat(file.user("alice").orElseThrow().matches(utf8("wonderland"))).isTrue();
  }

  @Test
  void windowsLineEndingsAreAccepted() throws Exception {
    Path path = dir.resolve("crlf");
    Files.writeString(path, ALICE + "\r\n" + CAROL + "\r\n");
    assertThat(PasswordFile.read(path).users()).containsOnlyKeys("alice", "carol");
  }

  @Test
  void aMalformedLineNamesTheFileTheLineAndTheProblemButNotTheHash() {
    assertThat(errorOf("# ok", "alice"))
        .isEqualTo("passwd:2: expected username:hash, found no ':'");
    assertThat(errorOf(":" + PasswordHashTest.ALICE)).isEqualTo("passwd:1: the user name is empty");
    assertThat(errorOf("alice:")).isEqualTo("passwd:1: user \"alice\": no password hash after ':'");
    assertThat(errorOf("alice:wonderland"))
        .isEqualTo(
            "passwd:1: user \"alice\": not a hash Petrel knows; expected $7$"
                + " (mosquitto_passwd's default) or $6$");
    String broken = "$7$101$e47HXDhQ*pbIW0MV$" + PasswordHashTest.ALICE.substring(24);
    assertThat(errorOf(ALICE, CAROL, "bob:" + broken))
        .isEqualTo("passwd:3: user \"bob\": the salt is not base64")
        .doesNotContain("e47HXDhQ")
        .doesNotContain(PasswordHashTest.ALICE.substring(24, 40));
    assertThat(errorOf(ALICE, "", ALICE))
        .isEqualTo("passwd:3: user \"alice\": already defined at line 1");
  }

  @Test
  void aMissingOrUnreadableFileSaysSo() throws IOException {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> PasswordFile.read(missing))
        .isInstanceOf(PasswordFileException.class)
        .hasMessage(missing + ": no such password file");
    assertThatThrownBy(() -> PasswordFile.read(dir))
        .hasMessage(dir + ": is a directory, not a password file");
    Path latin1 = dir.resolve("latin1");
    Files.write(latin1, new byte[] {'j', (byte) 0xe9, ':', 'x'});
    assertThatThrownBy(() -> PasswordFile.read(latin1))
        .hasMessage(latin1 + ": the password file is not UTF-8 text");
  }

  @Test
  void changingAUserKeepsItsPlaceAndEveryOtherLine() throws Exception {
    PasswordFile file = parse("# team", ALICE, "", "# legacy", CAROL);
    PasswordHash newHash = Pbkdf2Sha512Hash.of(utf8("new"), 101);

    PasswordFile changed = file.withUser("alice", newHash).withUser("dave", newHash);

    assertThat(changed.text())
        .isEqualTo(
            "# team\nalice:"
                + newHash.encode()
                + "\n\n# legacy\n"
                + CAROL
                + "\ndave:"
                + newHash.encode()
                + "\n");
    assertThat(file.text()).isEqualTo("# team\n" + ALICE + "\n\n# legacy\n" + CAROL + "\n");
  }

  @Test
  void removingAUserKeepsTheOtherLines() throws Exception {
    PasswordFile file = parse("# team", ALICE, CAROL);
    assertThat(file.withoutUser("alice").text()).isEqualTo("# team\n" + CAROL + "\n");
    assertThat(file.withoutUser("nobody").text()).isEqualTo(file.text());
  }

  @Test
  void namesThatCannotBeReadBackAreRefused() {
    PasswordHash hash = Pbkdf2Sha512Hash.of(utf8("pw"), 1);
    PasswordFile file = PasswordFile.empty();
    assertThatThrownBy(() -> file.withUser("a:b", hash))
        .hasMessage("a user name must not contain ':'");
    assertThatThrownBy(() -> file.withUser("", hash)).hasMessage("the user name is empty");
    assertThatThrownBy(() -> file.withUser(" alice", hash))
        .hasMessage("a user name must not start or end with a blank, nor start with '#'");
    assertThatThrownBy(() -> file.withUser("#alice", hash))
        .hasMessage("a user name must not start or end with a blank, nor start with '#'");
    assertThatThrownBy(() -> file.withUser("al\nice", hash))
        .hasMessage("a user name must not contain control characters");
  }

  @Test
  void writingReplacesTheFileWholeReadableByItsOwnerOnly() throws Exception {
    Path path = dir.resolve("passwd");
    Files.writeString(path, "old content\n");
    PasswordFile file = parse("# team", ALICE);

    file.write(path);

    assertThat(Files.readString(path)).isEqualTo("# team\n" + ALICE + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
    try (var entries = Files.list(dir)) {
      assertThat(entries).containsExactly(path); // no temporary file left behind
    }
    assertThat(PasswordFile.read(path).user("alice").orElseThrow().matches(utf8("wonderland")))
        .isTrue();
  }

  @Test
  void filesMadeByMosquittoPasswdVerifyBothHashKinds() throws Exception {
    assumeTrue(
        Files.isExecutable(MOSQUITTO_PASSWD),
        "mosquitto_passwd is not installed (" + MOSQUITTO_PASSWD + "): apt-get install mosquitto");
    Path path = dir.resolve("mosquitto.pw");
    run(MOSQUITTO_PASSWD.toString(), "-c", "-b", path.toString(), "bob", "builder");
    run(MOSQUITTO_PASSWD.toString(), "-H", "sha512", "-b", path.toString(), "eve", "old-style");

    PasswordFile file = PasswordFile.read(path);

    assertThat(file.user("bob").orElseThrow()).isInstanceOf(Pbkdf2Sha512Hash.class);
    assertThat(file.user("bob").orElseThrow().matches(utf8("builder"))).isTrue();
    assertThat(file.user("bob").orElseThrow().matches(utf8("Builder"))).isFalse();
    assertThat(file.user("eve").orElseThrow()).isInstanceOf(Sha512Hash.class);
    assertThat(file.user("eve").orElseThrow().matches(utf8("old-style"))).isTrue();
    // Read and written back, the file is the same: Petrel's edits leave other users untouched.
    assertThat(file.text()).isEqualTo(Files.readString(path));
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }
}
