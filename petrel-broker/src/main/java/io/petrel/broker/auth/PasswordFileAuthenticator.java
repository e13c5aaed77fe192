package io.petrel.broker.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
  private FileStamp stamp;
  private ScheduledExecutorService watcher;

  private PasswordFileAuthenticator(Path file, Users users, FileStamp stamp) {
    this.file = file;
    this.users = users;
    this.stamp = stamp;
  }

  /**
   * Reads the file.
   *
   * @throws PasswordFileException if it cannot be read or a line is malformed
   */
  public static PasswordFileAuthenticator open(Path file) throws PasswordFileException {
    FileStamp stamp = FileStamp.of(file);
    return new PasswordFileAuthenticator(file, Users.of(PasswordFile.read(file)), stamp);
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
    FileStamp now = FileStamp.of(file);
    try {
      users = Users.of(PasswordFile.read(file));
      stamp = now;
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
  synchronized void reloadIfChanged() {
    FileStamp now = FileStamp.of(file);
    if (now.equals(stamp)) {
      return;
    }
    // Remembered even if the reload fails, so a broken file is reported once, not every check.
    stamp = now;
    reload();
  }

  /** Starts checking the file for changes every {@code interval}, on a daemon thread. */
  public synchronized void watch(Duration interval) {
    if (watcher != null) {
      throw new IllegalStateException("already watching " + file);
    }
    watcher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "petrel-password-file");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    watcher.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Stops watching the file. */
  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.shutdownNow();
      watcher = null;
    }
  }

  private void checkSafely() {
    try {
      reloadIfChanged();
    } catch (RuntimeException e) {
      // An exception would cancel the scheduled check for good.
      LOG.warn("Checking the password file {} failed", file, e);
    }
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

  /** What tells that the file changed: modification time, size and (on Unix) the inode. */
  private record FileStamp(Optional<FileTime> modified, long size, Optional<Object> key) {
    static FileStamp of(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(
            Optional.of(a.lastModifiedTime()), a.size(), Optional.ofNullable(a.fileKey()));
      } catch (IOException e) {
        return new FileStamp(Optional.empty(), -1, Optional.empty());
      }
    }
  }
}
