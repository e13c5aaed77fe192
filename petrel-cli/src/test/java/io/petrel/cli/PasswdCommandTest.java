package io.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.auth.PasswordFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Does petrel passwd behave like mosquitto_passwd, mode by mode? */
class PasswdCommandTest {
  private static final String ALICE =
      "alice:$7$101$e47HXDhQApbIW0MV$qCyqwJbz/rDyRyr+DgGxFFr7TA+iS8oTvSxjP06xzBhuFYKENIboecumNd8/jXvJpA0f5ZgSfweIIbJMtdseCQ==";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Deque<String> typed = new ArrayDeque<>();

  /** Runs a fresh command, as main would: picocli keeps option values in the object. */
  private int run(String... args) {
    PasswdCommand command =
        new PasswdCommand()
            .withPrompt(prompt -> Optional.ofNullable(typed.poll()).map(String::toCharArray));
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static boolean verifies(Path file, String user, String password) throws Exception {
    return PasswordFile.read(file)
        .user(user)
        .map(h -> h.matches(password.getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
  }

  @Test
  void batchModeWithCreateWritesANewFileReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("passwd");
    Files.writeString(file, "whatever was here\n");

    assertThat(run("-c", "-b", file.toString(), "bob", "builder")).isZero();

    assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.startsWith("bob:$7$101$"));
    assertThat(verifies(file, "bob", "builder")).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void addingAUserKeepsTheOtherLinesAndAnExistingUserIsUpdatedInPlace() throws Exception {
    Path file = dir.resolve("passwd");
    Files.write(file, List.of("# our users", ALICE, "", "# the end"));

    assertThat(run("-b", file.toString(), "bob", "builder")).isZero();
    assertThat(run("-b", file.toString(), "alice", "looking-glass")).isZero();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo("# our users");
    assertThat(lines.get(1)).startsWith("alice:$7$").isNotEqualTo(ALICE);
    assertThat(lines.subList(2, 4)).containsExactly("", "# the end");
    assertThat(lines.get(4)).startsWith("bob:$7$");
    assertThat(verifies(file, "alice", "looking-glass")).isTrue();
    assertThat(verifies(file, "alice", "wonderland")).isFalse();
    assertThat(verifies(file, "bob", "builder")).isTrue();
  }

  @Test
  void theIterationCountCanBeChosen() throws Exception {
    Path file = dir.resolve("passwd");
    assertThat(run("-c", "-I", "5000", "-b", file.toString(), "bob", "builder")).isZero();
    assertThat(Files.readString(file)).startsWith("bob:$7$5000$");
    assertThat(verifies(file, "bob", "builder")).isTrue();
  }

  @Test
  void withoutCreateAMissingFileIsAnError() {
    Path file = dir.resolve("missing");
    assertThat(run("-b", file.toString(), "bob", "builder")).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("petrel passwd: " + file + ": no such password file; use -c to create it\n");
    assertThat(file).doesNotExist();
  }

  @Test
  void interactiveModeAsksTwiceAndStoresThePassword() throws Exception {
    Path file = dir.resolve("passwd");
    typed.add("s3cret");
    typed.add("s3cret");

    assertThat(run("-c", file.toString(), "carol")).isZero();

    assertThat(verifies(file, "carol", "s3cret")).isTrue();
    assertThat(typed).isEmpty();
  }

  @Test
  void interactiveModeRefusesPasswordsThatDifferAndLeavesTheFileAlone() throws Exception {
    Path file = dir.resolve("passwd");
    Files.write(file, List.of(ALICE));
    typed.add("s3cret");
    typed.add("s3cert");

    assertThat(run(file.toString(), "alice")).isEqualTo(1);

    assertThat(err.toString()).isEqualTo("petrel passwd: the passwords do not match\n");
    assertThat(Files.readAllLines(file)).containsExactly(ALICE);
  }

  @Test
  void interactiveModeWithoutAConsoleFailsClearly() {
    // The real prompt: tests run without a terminal, so System.console() is null.
    PasswdCommand noConsole = new PasswdCommand();
    CommandLine commandLine = new CommandLine(noConsole);
    commandLine.setErr(new PrintWriter(err, true));
    Path file = dir.resolve("passwd");

    assertThat(commandLine.execute("-c", file.toString(), "carol")).isEqualTo(1);

    assertThat(err.toString())
        .isEqualTo(
            "petrel passwd: no console to read the password from; give it on the command line"
                + " with -b FILE USER PASSWORD\n");
    assertThat(file).doesNotExist();
  }

  @Test
  void anEmptyPasswordIsRefused() {
    Path file = dir.resolve("passwd");
    assertThat(run("-c", "-b", file.toString(), "bob", "")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("petrel passwd: the password is empty\n");
  }

  @Test
  void aUserNameWithAColonIsRefused() {
    Path file = dir.resolve("passwd");
    assertThat(run("-c", "-b", file.toString(), "bo:b", "builder")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("petrel passwd: a user name must not contain ':'\n");
  }

  @Test
  void deleteRemovesTheUserAndKeepsTheRest() throws Exception {
    Path file = dir.resolve("passwd");
    assertThat(run("-c", "-b", file.toString(), "bob", "builder")).isZero();
    Files.writeString(file, "# users\n" + ALICE + "\n" + Files.readString(file));

    assertThat(run("-D", file.toString(), "alice")).isZero();

    assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("# users");
    assertThat(verifies(file, "bob", "builder")).isTrue();
  }

  @Test
  void deletingAUserThatIsNotThereFailsAndLeavesTheFileAlone() throws Exception {
    Path file = dir.resolve("passwd");
    Files.write(file, List.of(ALICE));

    assertThat(run("-D", file.toString(), "bob")).isEqualTo(1);

    assertThat(err.toString()).isEqualTo("petrel passwd: user \"bob\" is not in " + file + "\n");
    assertThat(Files.readAllLines(file)).containsExactly(ALICE);
  }

  @Test
  void upgradeHashesAPlainTextFileKeepingComments() throws Exception {
    Path file = dir.resolve("passwd");
    Files.write(file, List.of("# plain", "alice:wonderland", "", "bob:has:colons"));

    assertThat(run("-U", file.toString())).isZero();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("# plain");
    assertThat(lines.get(2)).isEmpty();
    assertThat(verifies(file, "alice", "wonderland")).isTrue();
    assertThat(verifies(file, "bob", "has:colons")).isTrue();
  }

  @Test
  void upgradeOfAMissingFileSaysSo() {
    Path file = dir.resolve("missing");
    assertThat(run("-U", file.toString())).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("petrel passwd: " + file + ": no such file\n");
  }

  @Test
  void upgradeRefusesAFileThatIsAlreadyHashedRatherThanHashTheHashes() throws Exception {
    Path file = dir.resolve("passwd");
    Files.write(file, List.of("bob:builder", ALICE));

    assertThat(run("-U", file.toString())).isEqualTo(1);

    assertThat(err.toString())
        .isEqualTo(
            "petrel passwd: "
                + file
                + ":2: user \"alice\" already has a hash; -U converts plain-text passwords\n");
    assertThat(Files.readAllLines(file)).containsExactly("bob:builder", ALICE);
  }

  @Test
  void aMalformedFileIsReportedWithItsLineAndNotChanged() throws Exception {
    Path file = dir.resolve("passwd");
    Files.write(file, List.of(ALICE, "bob"));

    assertThat(run("-b", file.toString(), "carol", "x")).isEqualTo(1);

    assertThat(err.toString())
        .isEqualTo("petrel passwd: " + file + ":2: expected username:hash, found no ':'\n");
    assertThat(Files.readAllLines(file)).containsExactly(ALICE, "bob");
  }

  @Test
  void badCombinationsAreUsageErrorsWithExitCode2() {
    String file = dir.resolve("passwd").toString();
    assertThat(run("-c", "-D", file, "bob")).isEqualTo(2);
    assertThat(err.toString()).startsWith("-c and -D cannot be combined");
    assertThat(run("-b", file, "bob")).isEqualTo(2);
    assertThat(run(file)).isEqualTo(2);
    assertThat(run("-U", file, "bob")).isEqualTo(2);
    assertThat(run("-I", "0", "-b", file, "bob", "pw")).isEqualTo(2);
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void theCommandIsReachableFromPetrel() {
    CommandLine petrel = Petrel.commandLine();
    petrel.setOut(new PrintWriter(out, true));
    assertThat(petrel.execute("passwd", "--help")).isZero();
    assertThat(out.toString()).contains("petrel passwd [-c | -D] [-I N] FILE USER");
  }
}
