package io.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** pub, sub and profile hang off the petrel command, with their help and one-line errors. */
class ClientCommandsRegisteredTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int petrel(String... args) {
    CommandLine commandLine = Petrel.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpOfPubAndSubListsTheExitCodes() {
    assertThat(petrel("pub", "--help")).isZero();
    assertThat(petrel("sub", "--help")).isZero();
    assertThat(petrel("profile", "--help")).isZero();

    assertThat(out.toString())
        .contains("Usage: petrel pub")
        .contains("Usage: petrel sub")
        .contains("Usage: petrel profile")
        .contains("3   could not connect")
        .contains("PETREL_ENCRYPTION_KEY");
  }

  @Test
  void anUnknownOptionOfPubIsOneLineWithExitCode2() {
    assertThat(petrel("pub", "--bogus")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("petrel pub: Unknown option: '--bogus' (petrel pub --help shows the options)\n");
  }

  @Test
  void otherCommandsKeepPicoclisUsageOnErrors() {
    assertThat(petrel("passwd", "--bogus")).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: petrel passwd");
  }
}
