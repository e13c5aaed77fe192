package io.petrel.broker.store.rocksdb;

import io.petrel.broker.store.Stores;
import io.petrel.codec.WildcardSyntax;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store: one RocksDB database in the data directory, with a column family per kind of
 * state. Every change goes through RocksDB's write-ahead log; {@link Durability#SYNC} syncs it
 * before a write returns, {@link Durability#PERIODIC} every {@code syncIntervalMillis}.
 *
 * <p>The database carries a format version. A store written by a newer format, or one RocksDB
 * cannot open, stops start-up with a {@link StoreException} and is left as it is.
 */
public final class RocksStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RocksStore.class);

  /** The on-disk format this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final byte[] FORMAT_KEY = "format-version".getBytes(StandardCharsets.UTF_8);

  // In this order after the default column family, which holds the format version.
  private static final List<String> COLUMN_FAMILIES =
      List.of(
          "sessions",
          "subscriptions",
          "retained",
          "messages",
          "refs",
          "deliveries",
          "progress",
          "inbound",
          "wills");

  /** How writes reach the disk. */
  public enum Durability {
    /** The write-ahead log is synced before a write returns. */
    SYNC,
    /** The write-ahead log is synced every interval: a crash loses at most that much. */
    PERIODIC
  }

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final WriteOptions writeOptions;
  private final ScheduledExecutorService syncer;
  private final RocksSessionStore sessions;
  private final RocksRetainedStore retained;
  private final RocksMessageStore messages;

  private RocksStore(
      Path directory,
      DBOptions dbOptions,
      ColumnFamilyOptions cfOptions,
      RocksDB db,
      List<ColumnFamilyHandle> handles,
      Durability durability,
      long syncIntervalMillis,
      WildcardSyntax syntax) {
    this.directory = directory;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.db = db;
    this.handles = handles;
    this.writeOptions = new WriteOptions().setSync(durability == Durability.SYNC);
    this.sessions =
        new RocksSessionStore(
            db, handles.get(1), handles.get(2), handles.get(9), writeOptions, syntax);
    this.retained = new RocksRetainedStore(db, handles.get(3), writeOptions, syntax);
    this.messages = new RocksMessageStore(db, handles.subList(4, 9), writeOptions);
    if (durability == Durability.PERIODIC) {
      syncer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "petrel-store-sync");
                t.setDaemon(true);
                return t;
              });
      syncer.scheduleWithFixedDelay(
          this::syncWal, syncIntervalMillis, syncIntervalMillis, TimeUnit.MILLISECONDS);
    } else {
      syncer = null;
    }
  }

  /**
   * Opens (or creates) the store in a directory.
   *
   * @throws StoreException if the directory cannot be used: in use by another process, written by a
   *     newer Petrel, or damaged
   */
  public static RocksStore open(
      Path directory, Durability durability, long syncIntervalMillis, WildcardSyntax syntax) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + directory + ": " + e, e);
    }
    DBOptions dbOptions =
        new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
    // Reference counts are added to, never read and rewritten (see RocksMessageStore).
    ColumnFamilyOptions countOptions =
        new ColumnFamilyOptions().setMergeOperator(new UInt64AddOperator());
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    for (String name : COLUMN_FAMILIES) {
      descriptors.add(
          new ColumnFamilyDescriptor(
              name.getBytes(StandardCharsets.UTF_8),
              name.equals("refs") ? countOptions : cfOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db;
    try {
      db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      dbOptions.close();
      cfOptions.close();
      throw new StoreException(openFailure(directory, e), e);
    }
    try {
      checkFormat(db, directory);
    } catch (RuntimeException e) {
      handles.forEach(ColumnFamilyHandle::close);
      db.close();
      dbOptions.close();
      cfOptions.close();
      throw e;
    }
    LOG.info(
        "Store opened in {} (durability {})",
        directory.toAbsolutePath(),
        durability.name().toLowerCase(Locale.ROOT));
    return new RocksStore(
        directory, dbOptions, cfOptions, db, handles, durability, syncIntervalMillis, syntax);
  }

  private static String openFailure(Path directory, RocksDBException e) {
    String status = String.valueOf(e.getMessage());
    if (status.contains("lock") || status.contains("LOCK")) {
      return "the data directory "
          + directory
          + " is in use by another Petrel process (or another program): "
          + status;
    }
    return "the store in "
        + directory
        + " cannot be opened and was left as it is: "
        + status
        + ". Move it away to start with an empty store, or restore it from a backup.";
  }

  private static void checkFormat(RocksDB db, Path directory) {
    try {
      byte[] stored = db.get(FORMAT_KEY);
      if (stored == null) {
        db.put(FORMAT_KEY, ByteBuffer.allocate(4).putInt(FORMAT_VERSION).array());
        return;
      }
      int version = ByteBuffer.wrap(stored).getInt();
      if (version > FORMAT_VERSION) {
        throw new StoreException(
            "the store in "
                + directory
                + " has format version "
                + version
                + ", written by a newer Petrel; this one reads up to version "
                + FORMAT_VERSION
                + ". The store was not changed.");
      }
    } catch (RocksDBException e) {
      throw new StoreException("cannot read the store's format version: " + e.getMessage(), e);
    }
  }

  /** The stores the broker runs on. */
  public Stores stores() {
    return new Stores(sessions, retained, messages);
  }

  public Path directory() {
    return directory;
  }

  private void syncWal() {
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      LOG.error("Syncing the store's write-ahead log failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (syncer != null) {
      syncer.shutdownNow();
    }
    syncWal();
    messages.close();
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    writeOptions.close();
    dbOptions.close();
    cfOptions.close();
  }
}
