package io.petrel.broker.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a file again when it changes: the watch shared by {@code password_file} and {@code
 * acl_file}. Every {@code interval} a daemon thread compares the file's modification time, size and
 * (on Unix) inode with those of the last reading and, if they differ, runs the reload. Holds no
 * lock while the reload runs, so a reload may take its owner's lock in any order.
 */
final class FileWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FileWatch.class);

  private final Path file;
  private final String threadName;
  private final Runnable reload;
  // Written by the reloads (a signal's thread or the watcher), read by the watcher.
  private volatile FileStamp stamp;
  private ScheduledExecutorService watcher;

  /**
   * @param readAs the file as it was when first read: {@link #stamp} taken before reading it, so
   *     that a change made while it was read is picked up by the next check
   * @param reload reads the file again and reports a failure itself; called after {@link #read}
   */
  FileWatch(Path file, FileStamp readAs, String threadName, Runnable reload) {
    this.file = file;
    this.threadName = threadName;
    this.reload = reload;
    this.stamp = readAs;
  }

  /** The file as it is now, to hand to the constructor; take it before reading the file. */
  static FileStamp stamp(Path file) {
    return FileStamp.of(file);
  }

  /** Records the file as it is now: call just before reading it. */
  void read() {
    stamp = FileStamp.of(file);
  }

  /** Reloads if the file's modification time, size or identity changed; the periodic check. */
  void reloadIfChanged() {
    FileStamp now = FileStamp.of(file);
    if (now.equals(stamp)) {
      return;
    }
    // Remembered even if the reload fails, so a broken file is reported once, not every check.
    stamp = now;
    reload.run();
  }

  /** Starts checking the file for changes every {@code interval}, on a daemon thread. */
  synchronized void watch(Duration interval) {
    if (watcher != null) {
      throw new IllegalStateException("already watching " + file);
    }
    watcher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, threadName);
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
      LOG.warn("Checking {} failed", file, e);
    }
  }

  /** What tells that the file changed: modification time, size and (on Unix) the inode. */
  record FileStamp(Optional<FileTime> modified, long size, Optional<Object> key) {
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
