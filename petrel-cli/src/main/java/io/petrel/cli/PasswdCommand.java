package io.petrel.cli;

import io.petrel.broker.auth.PasswordFile;
import io.petrel.broker.auth.PasswordFileException;
import io.petrel.broker.auth.PasswordHash;
import io.petrel.broker.auth.Pbkdf2Sha512Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code petrel passwd}: manages a password file as {@code mosquitto_passwd} does, with its
 * options, so that files and habits carry over both ways.
 */
@Command(
    name = "passwd",
    description = "Add, change or delete users of a Mosquitto-compatible password file.",
    mixinStandardHelpOptions = true,
    versionProvider = Petrel.Version.class,
    customSynopsis = {
      "petrel passwd [-c | -D] [-I N] FILE USER",
      "petrel passwd [-c] [-I N] -b FILE USER PASSWORD",
      "petrel passwd [-I N] -U FILE"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the file was written",
      "1:the file could not be read or written, the user to delete is not there, or the"
          + " passwords typed differ",
      "2:bad command line"
    })
final class PasswdCommand implements Callable<Integer> {
  static final int EXIT_FAILED = 1;

  @Spec CommandSpec spec;

  @Option(names = "-c", description = "Create the file, replacing any file of that name.")
  boolean create;

  @Option(names = "-D", description = "Delete USER.")
  boolean delete;

  @Option(names = "-b", description = "Batch mode: the password is the last argument.")
  boolean batch;

  @Option(
      names = "-U",
      description = "Convert a plain-text file of user:password lines to hashed passwords.")
  boolean upgrade;

  @Option(
      names = {"-I", "--iterations"},
      paramLabel = "N",
      description = "PBKDF2 iterations of new hashes (default: ${DEFAULT-VALUE}, as Mosquitto 2).")
  int iterations = Pbkdf2Sha512Hash.DEFAULT_ITERATIONS;

  @Parameters(paramLabel = "FILE USER [PASSWORD]", description = "See the synopsis.")
  List<String> arguments = new ArrayList<>();

  private PasswordPrompt prompt = PasswordPrompt.console();

  /** For tests: where interactive passwords come from. */
  PasswdCommand withPrompt(PasswordPrompt value) {
    prompt = value;
    return this;
  }

  @Override
  public Integer call() {
    checkUsage();
    Path file = Path.of(arguments.get(0));
    try {
      PasswordFile result;
      if (upgrade) {
        result = upgraded(file);
      } else if (delete) {
        result = deleted(file, arguments.get(1));
      } else {
        result = withUser(file, arguments.get(1));
      }
      result.write(file);
      return 0;
    } catch (Failure | PasswordFileException e) {
      return fail(e.getMessage());
    } catch (IOException e) {
      return fail(file + ": cannot write the password file: " + e.getMessage());
    }
  }

  private void checkUsage() {
    if (iterations < 1) {
      throw usage("-I must be at least 1");
    }
    if (upgrade) {
      if (create || delete || batch || arguments.size() != 1) {
        throw usage("-U takes only the FILE to convert");
      }
      return;
    }
    if (create && delete) {
      throw usage("-c and -D cannot be combined");
    }
    if (delete && batch) {
      throw usage("-D takes FILE USER, without -b");
    }
    int expected = batch ? 3 : 2;
    if (arguments.size() != expected) {
      throw usage(batch ? "-b needs FILE USER PASSWORD" : "expected FILE USER");
    }
  }

  private PasswordFile withUser(Path file, String user) throws Failure, PasswordFileException {
    try {
      PasswordFile.checkUsername(user);
    } catch (IllegalArgumentException e) {
      throw new Failure(e.getMessage());
    }
    PasswordFile current = create ? PasswordFile.empty() : existing(file);
    byte[] password = batch ? utf8(arguments.get(2).toCharArray()) : typedTwice();
    try {
      if (password.length == 0) {
        throw new Failure("the password is empty");
      }
      return current.withUser(user, Pbkdf2Sha512Hash.of(password, iterations));
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private PasswordFile deleted(Path file, String user) throws Failure, PasswordFileException {
    PasswordFile current = existing(file);
    if (current.user(user).isEmpty()) {
      throw new Failure("user \"" + user + "\" is not in " + file);
    }
    return current.withoutUser(user);
  }

  /** -U: every user:password line becomes user:hash; comments and blank lines stay. */
  private PasswordFile upgraded(Path file) throws Failure, PasswordFileException {
    List<String> lines = readLines(file);
    List<String> hashed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String where = file + ":" + (i + 1) + ": ";
      if (PasswordFile.isKept(line)) {
        hashed.add(line);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new Failure(where + "expected username:password, found no ':'");
      }
      String user = line.substring(0, colon).strip();
      String password = line.substring(colon + 1);
      if (looksHashed(password.strip())) {
        // mosquitto_passwd would hash the hash and lock the user out; refuse instead.
        throw new Failure(
            where + "user \"" + user + "\" already has a hash; -U converts plain-text passwords");
      }
      if (password.isEmpty()) {
        throw new Failure(where + "user \"" + user + "\" has an empty password");
      }
      byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
      hashed.add(user + ":" + Pbkdf2Sha512Hash.of(bytes, iterations).encode());
    }
    return PasswordFile.parse(file.toString(), hashed);
  }

  private static boolean looksHashed(String text) {
    try {
      PasswordHash.parse(text);
      return true;
    } catch (IllegalArgumentException notAHash) {
      return false;
    }
  }

  private static PasswordFile existing(Path file) throws Failure, PasswordFileException {
    if (!Files.exists(file)) {
      throw new Failure(file + ": no such password file; use -c to create it");
    }
    return PasswordFile.read(file);
  }

  private static List<String> readLines(Path file) throws Failure {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new Failure(file + ": no such file");
    } catch (IOException e) {
      throw new Failure(file + ": cannot read the file: " + e.getMessage());
    }
  }

  /** Asks twice, as mosquitto_passwd does, so that a typo does not lock the user out. */
  private byte[] typedTwice() throws Failure {
    char[] first = prompt.read("Password: ").orElseThrow(PasswdCommand::noConsole);
    char[] second = new char[0];
    try {
      second = prompt.read("Reenter password: ").orElseThrow(PasswdCommand::noConsole);
      if (!Arrays.equals(first, second)) {
        throw new Failure("the passwords do not match");
      }
      return utf8(first);
    } finally {
      Arrays.fill(first, '\0');
      Arrays.fill(second, '\0');
    }
  }

  private static Failure noConsole() {
    return new Failure(
        "no console to read the password from; give it on the command line with -b FILE USER"
            + " PASSWORD");
  }

  /** The UTF-8 bytes of a password without making a String of it. */
  private static byte[] utf8(char[] password) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    Arrays.fill(encoded.array(), (byte) 0);
    return bytes;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("petrel passwd: " + message);
    return EXIT_FAILED;
  }

  /** A failure the user can fix, told in one line. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }
}
