package io.petrel.broker.auth;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks user names and passwords against a Mosquitto password file ({@code password_file}), and
 * reads the file again when it changes, so users can be added and removed without a restart.
 * Connections already open stay; new ones see the new users. A reload that fails keeps the users
 * there were and logs why. Safe for concurrent use.
 */
public final class PasswordFileAuthenticator implements AutoCloseable {
  /** How often the file's modification time is looked at. */
  public static final Duration CHECK_INTERVAL = Duration.ofSeconds(3);

  private static final Logger LOG = LoggerFactory.getLogger(PasswordFileAuthenticator.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  // Replaced whole on reload, read by every CONNECT without a lock.
  private volatile Users users;
  private final FileWatch watch;

  private PasswordFileAuthenticator(Path file, Users users, FileWatch.FileStamp readAs) {
    this.file = file;
    this.users = users;
    this.watch = new FileWatch(file, readAs, "petrel-password-file", this::reload);
  }

  /**
   * Reads the file.
   *
   * @throws PasswordFileException if it cannot be read or a line is malformed
   */
  public static PasswordFileAuthenticator open(Path file) throws PasswordFileException {
    FileWatch.FileStamp readAs = FileWatch.stamp(file);
    return new PasswordFileAuthenticator(file, Users.of(PasswordFile.read(file)), readAs);
  }

  public Path file() {
    return file;
  }

  public int userCount() {
    return users.byName().size();
  }

  /**
   * Whether {@code password} is {@code username}'s. An unknown user costs the same as a wrong
   * password: a made-up hash is checked instead, so that timing does not tell which names exist.
   */
  public boolean check(String username, byte[] password) {
    Users current = users;
    PasswordHash hash = current.byName().get(username);
    if (hash == null) {
      current.unknownUser().matches(password);
      return false;
    }
    return hash.matches(password);
  }

  /**
   * Reads the file again, changed or not (for SIGHUP and {@code Broker.reloadPasswords()}).
   *
   * @return whether it was read; if not the old users stay and the log says why
   */
  public synchronized boolean reload() {
    watch.read();
    try {
      users = Users.of(PasswordFile.read(file));
      LOG.info("Reloaded the password file {}: {} user(s)", file, userCount());
      return true;
    } catch (PasswordFileException e) {
      LOG.warn(
          "Kept the {} user(s) of the password file: reloading failed: {}",
          userCount(),
          e.getMessage());
      return false;
    }
  }

  /** Reloads if the file's modification time, size or identity changed; the periodic check. */
  void reloadIfChanged() {
    watch.reloadIfChanged();
  }

  /** Starts checking the file for changes every {@code interval}, on a daemon thread. */
  public void watch(Duration interval) {
    watch.watch(interval);
  }

  /** Stops watching the file. */
  @Override
  public void close() {
    watch.close();
  }

  /**
   * The users of one reading of the file, and the hash checked for names that are not among them:
   * hashed like most of the users (the iteration count most of them have), so it costs the same.
   */
  private record Users(Map<String, PasswordHash> byName, PasswordHash unknownUser) {
    static Users of(PasswordFile file) {
      Map<String, PasswordHash> byName = file.users();
      int iterations =
          byName.values().stream()
              .filter(Pbkdf2Sha512Hash.class::isInstance)
              .map(h -> ((Pbkdf2Sha512Hash) h).iterations())
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
              .entrySet()
              .stream()
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse(Pbkdf2Sha512Hash.DEFAULT_ITERATIONS);
      byte[] nobodysPassword = new byte[16];
      RANDOM.nextBytes(nobodysPassword);
      return new Users(byName, Pbkdf2Sha512Hash.of(nobodysPassword, iterations));
    }
  }
}
