package io.petrel.broker.auth;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A password file in Mosquitto's format: one {@code username:hash} per line, blank lines and lines
 * starting with {@code #} ignored. Immutable; the changes {@code petrel passwd} makes return a new
 * file that keeps every other line, comments included, in its place.
 */
public final class PasswordFile {
  /** A line of the file: a user or anything kept as it is (a comment, a blank line). */
  public sealed interface Line {}

  /** {@code username:hash}. */
  public record User(String name, PasswordHash hash) implements Line {}

  /** A comment or blank line, written back unchanged. */
  public record Kept(String text) implements Line {}

  private final List<Line> lines;

  private PasswordFile(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /** A file with no lines, for {@code petrel passwd -c}. */
  public static PasswordFile empty() {
    return new PasswordFile(List.of());
  }

  /**
   * Reads and checks a password file.
   *
   * @throws PasswordFileException if it cannot be read or a line is malformed
   */
  public static PasswordFile read(Path file) throws PasswordFileException {
    return parse(file.toString(), readLines(file));
  }

  /**
   * Parses the lines of a password file.
   *
   * @param name the file as messages name it
   */
  public static PasswordFile parse(String name, List<String> text) throws PasswordFileException {
    List<Line> lines = new ArrayList<>();
    Map<String, Integer> seenAt = new LinkedHashMap<>();
    for (int i = 0; i < text.size(); i++) {
      String where = name + ":" + (i + 1) + ": ";
      String line = text.get(i);
      if (isKept(line)) {
        lines.add(new Kept(line));
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new PasswordFileException(where + "expected username:hash, found no ':'");
      }
      // Mosquitto trims blanks around both fields.
      String username = line.substring(0, colon).strip();
      String hash = line.substring(colon + 1).strip();
      if (username.isEmpty()) {
        throw new PasswordFileException(where + "the user name is empty");
      }
      String user = where + "user " + quote(username) + ": ";
      Integer earlier = seenAt.putIfAbsent(username, i + 1);
      if (earlier != null) {
        throw new PasswordFileException(user + "already defined at line " + earlier);
      }
      if (hash.isEmpty()) {
        throw new PasswordFileException(user + "no password hash after ':'");
      }
      try {
        lines.add(new User(username, PasswordHash.parse(hash)));
      } catch (IllegalArgumentException e) {
        throw new PasswordFileException(user + e.getMessage(), e);
      }
    }
    return new PasswordFile(lines);
  }

  /** Whether a line is a comment or blank, as Mosquitto skips them. */
  public static boolean isKept(String line) {
    return line.isBlank() || line.stripLeading().startsWith("#");
  }

  /** The lines, users and kept lines, in file order. */
  public List<Line> lines() {
    return lines;
  }

  /** The users by name, in file order. */
  public Map<String, PasswordHash> users() {
    Map<String, PasswordHash> users = new LinkedHashMap<>();
    for (Line line : lines) {
      if (line instanceof User u) {
        users.put(u.name(), u.hash());
      }
    }
    return Collections.unmodifiableMap(users);
  }

  public Optional<PasswordHash> user(String name) {
    return Optional.ofNullable(users().get(name));
  }

  /**
   * This file with {@code name}'s hash replaced where the user is, or the user added at the end.
   *
   * @throws IllegalArgumentException if the name cannot be written to a password file
   */
  public PasswordFile withUser(String name, PasswordHash hash) {
    checkUsername(name);
    List<Line> changed = new ArrayList<>(lines);
    for (int i = 0; i < changed.size(); i++) {
      if (changed.get(i) instanceof User u && u.name().equals(name)) {
        changed.set(i, new User(name, hash));
        return new PasswordFile(changed);
      }
    }
    changed.add(new User(name, hash));
    return new PasswordFile(changed);
  }

  /** This file without {@code name}; the same file if there is no such user. */
  public PasswordFile withoutUser(String name) {
    List<Line> changed = new ArrayList<>(lines);
    changed.removeIf(line -> line instanceof User u && u.name().equals(name));
    return new PasswordFile(changed);
  }

  /** The file's text, one line each, with a final newline. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (Line line : lines) {
      if (line instanceof User u) {
        text.append(u.name()).append(':').append(u.hash().encode());
      } else {
        text.append(((Kept) line).text());
      }
      text.append('\n');
    }
    return text.toString();
  }

  /**
   * Writes the file atomically: to a temporary file beside it, readable by its owner only where the
   * file system has POSIX permissions, then moved over {@code file}, so that a broker reloading it
   * never reads half a file.
   */
  public void write(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    Path temp =
        posix
            ? Files.createTempFile(
                dir,
                "." + target.getFileName(),
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, text(), StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Checks that a name can stand in a password file and be read back as the same name.
   *
   * @throws IllegalArgumentException if it cannot; the message says why
   */
  public static void checkUsername(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the user name is empty");
    }
    if (name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a user name must not contain ':'");
    }
    if (!name.equals(name.strip()) || name.startsWith("#")) {
      throw new IllegalArgumentException(
          "a user name must not start or end with a blank, nor start with '#'");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a user name must not contain control characters");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > 65535) {
      throw new IllegalArgumentException("a user name is at most 65535 bytes in MQTT");
    }
  }

  private static List<String> readLines(Path file) throws PasswordFileException {
    if (Files.isDirectory(file)) {
      throw new PasswordFileException(file + ": is a directory, not a password file");
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PasswordFileException(file + ": no such password file", e);
    } catch (AccessDeniedException e) {
      throw new PasswordFileException(
          file + ": cannot read the password file: permission denied", e);
    } catch (MalformedInputException e) {
      throw new PasswordFileException(file + ": the password file is not UTF-8 text", e);
    } catch (IOException e) {
      throw new PasswordFileException(
          file + ": cannot read the password file: " + e.getMessage(), e);
    }
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
