package io.petrel.broker.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how durably the broker keeps sessions and retained messages.
 *
 * @param durability how writes reach the disk, or {@link Durability#MEMORY} for no disk at all
 * @param directory the data directory ({@code persistence_location}; default {@code data} under the
 *     working directory)
 * @param syncIntervalMillis for {@link Durability#PERIODIC}: how often the write-ahead log is
 *     synced, the most a crash can lose ({@code durability_interval_ms}; default 100)
 */
public record PersistenceSettings(Durability durability, Path directory, long syncIntervalMillis) {
  public static final Path DEFAULT_DIRECTORY = Path.of("data");
  public static final long DEFAULT_SYNC_INTERVAL_MILLIS = 100;

  /** The durability modes. */
  public enum Durability {
    /** The write-ahead log is synced before the broker acknowledges. */
    SYNC,
    /** The write-ahead log is synced every interval; a crash loses at most that much. */
    PERIODIC,
    /** Nothing is written to disk: a restart of the process forgets everything. */
    MEMORY
  }

  public PersistenceSettings {
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(directory, "directory");
    if (syncIntervalMillis < 1) {
      throw new IllegalArgumentException("syncIntervalMillis must be at least 1");
    }
  }

  /** Durable by default: sync mode in {@code ./data}. */
  public static PersistenceSettings defaults() {
    return new PersistenceSettings(
        Durability.SYNC, DEFAULT_DIRECTORY, DEFAULT_SYNC_INTERVAL_MILLIS);
  }

  /** In memory only: for tests and {@code durability memory}. */
  public static PersistenceSettings memory() {
    return new PersistenceSettings(
        Durability.MEMORY, DEFAULT_DIRECTORY, DEFAULT_SYNC_INTERVAL_MILLIS);
  }

  public PersistenceSettings withDurability(Durability value) {
    return new PersistenceSettings(value, directory, syncIntervalMillis);
  }

  public PersistenceSettings withDirectory(Path value) {
    return new PersistenceSettings(durability, value, syncIntervalMillis);
  }

  public PersistenceSettings withSyncIntervalMillis(long value) {
    return new PersistenceSettings(durability, directory, value);
  }
}
