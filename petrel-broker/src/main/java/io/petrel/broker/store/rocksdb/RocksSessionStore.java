package io.petrel.broker.store.rocksdb;

import io.petrel.broker.routing.Message;
import io.petrel.broker.store.SessionStore;
import io.petrel.broker.store.StoredSession;
import io.petrel.broker.store.StoredSubscription;
import io.petrel.codec.QoS;
import io.petrel.codec.RetainHandling;
import io.petrel.codec.SubscriptionOptions;
import io.petrel.codec.WildcardSyntax;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Persistent sessions and their subscriptions in RocksDB.
 *
 * <pre>
 * sessions:      client id                  → version (1) | expiry s (8) | disconnected at ms (8)
 *                                            | username length or -1 (2) | username (UTF-8)
 * subscriptions: client id 0x00 topic filter → options byte (1) | subscription id or -1 (4)
 * wills:         client id                  → will delay s (8) | the will ({@link MessageCodec})
 * </pre>
 *
 * A client id never contains U+0000 [MQTT-1.5.4-2], so the 0x00 separator keeps one client's
 * subscriptions together and apart from every other client's.
 */
final class RocksSessionStore implements SessionStore {
  private static final byte VERSION = 1;

  private final RocksDB db;
  private final ColumnFamilyHandle sessions;
  private final ColumnFamilyHandle subscriptions;
  private final ColumnFamilyHandle wills;
  private final WriteOptions writeOptions;
  private final WildcardSyntax syntax;

  RocksSessionStore(
      RocksDB db,
      ColumnFamilyHandle sessions,
      ColumnFamilyHandle subscriptions,
      ColumnFamilyHandle wills,
      WriteOptions writeOptions,
      WildcardSyntax syntax) {
    this.db = db;
    this.sessions = sessions;
    this.subscriptions = subscriptions;
    this.wills = wills;
    this.writeOptions = writeOptions;
    this.syntax = syntax;
  }

  @Override
  public List<StoredSession> load() {
    Map<String, Map<String, StoredSubscription>> subsByClient = loadSubscriptions();
    List<StoredSession> result = new ArrayList<>();
    try (RocksIterator it = db.newIterator(sessions)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        String clientId = new String(it.key(), StandardCharsets.UTF_8);
        ByteBuffer v = ByteBuffer.wrap(it.value());
        if (v.get() != VERSION) {
          throw new StoreException("session " + clientId + " has an unknown record version");
        }
        long expiry = v.getLong();
        long disconnectedAt = v.getLong();
        result.add(
            new StoredSession(
                clientId,
                expiry,
                disconnectedAt,
                subsByClient.getOrDefault(clientId, Map.of()),
                will(clientId),
                usernameOf(v)));
      }
    }
    return result;
  }

  private Map<String, Map<String, StoredSubscription>> loadSubscriptions() {
    Map<String, Map<String, StoredSubscription>> result = new LinkedHashMap<>();
    try (RocksIterator it = db.newIterator(subscriptions)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        String clientId = Keys.clientOf(key);
        int at = Keys.suffixOffset(key);
        String filter = new String(key, at, key.length - at, StandardCharsets.UTF_8);
        ByteBuffer v = ByteBuffer.wrap(it.value());
        SubscriptionOptions options = optionsOf(v.get());
        int id = v.getInt();
        result
            .computeIfAbsent(clientId, c -> new LinkedHashMap<>())
            .put(
                filter,
                new StoredSubscription(options, id < 0 ? OptionalInt.empty() : OptionalInt.of(id)));
      }
    }
    return result;
  }

  private Optional<StoredSession.StoredWill> will(String clientId) {
    try {
      byte[] v = db.get(wills, utf8(clientId));
      if (v == null) {
        return Optional.empty();
      }
      long delay = ByteBuffer.wrap(v).getLong();
      Message will = MessageCodec.decode(Arrays.copyOfRange(v, 8, v.length), syntax);
      return Optional.of(new StoredSession.StoredWill(will, delay));
    } catch (RocksDBException e) {
      throw new StoreException("cannot read the will of " + clientId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void saveWill(String clientId, Message will, long delaySeconds) {
    byte[] encoded = MessageCodec.encode(will);
    put(
        wills,
        utf8(clientId),
        ByteBuffer.allocate(8 + encoded.length).putLong(delaySeconds).put(encoded).array());
  }

  @Override
  public void clearWill(String clientId) {
    try {
      db.delete(wills, writeOptions, utf8(clientId));
    } catch (RocksDBException e) {
      throw new StoreException("cannot clear the will of " + clientId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void createSession(String clientId, long expirySeconds, Optional<String> username) {
    put(sessions, utf8(clientId), sessionValue(expirySeconds, 0, username));
  }

  @Override
  public void sessionDisconnected(String clientId, long epochMillis) {
    try {
      byte[] key = utf8(clientId);
      byte[] current = db.get(sessions, key);
      if (current != null) {
        ByteBuffer v = ByteBuffer.wrap(current).position(1);
        long expiry = v.getLong();
        v.getLong();
        db.put(sessions, writeOptions, key, sessionValue(expiry, epochMillis, usernameOf(v)));
      }
    } catch (RocksDBException e) {
      throw new StoreException("cannot write session " + clientId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void removeSession(String clientId) {
    byte[] prefix = Keys.prefix(clientId);
    try (WriteBatch batch = new WriteBatch()) {
      batch.delete(sessions, utf8(clientId));
      batch.delete(wills, utf8(clientId));
      batch.deleteRange(subscriptions, prefix, Keys.prefixEnd(prefix));
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw new StoreException("cannot remove session " + clientId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void addSubscription(
      String clientId,
      String topicFilter,
      SubscriptionOptions options,
      OptionalInt subscriptionId) {
    ByteBuffer v = ByteBuffer.allocate(5);
    v.put(optionsByte(options)).putInt(subscriptionId.orElse(-1));
    put(subscriptions, subscriptionKey(clientId, topicFilter), v.array());
  }

  @Override
  public void removeSubscription(String clientId, String topicFilter) {
    try {
      db.delete(subscriptions, writeOptions, subscriptionKey(clientId, topicFilter));
    } catch (RocksDBException e) {
      throw new StoreException("cannot remove a subscription: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // The RocksStore owns the database and closes it.
  }

  private void put(ColumnFamilyHandle cf, byte[] key, byte[] value) {
    try {
      db.put(cf, writeOptions, key, value);
    } catch (RocksDBException e) {
      throw new StoreException("cannot write to the store: " + e.getMessage(), e);
    }
  }

  private static byte[] sessionValue(
      long expirySeconds, long disconnectedAtMillis, Optional<String> username) {
    byte[] name = username.map(RocksSessionStore::utf8).orElse(new byte[0]);
    return ByteBuffer.allocate(17 + 2 + name.length)
        .put(VERSION)
        .putLong(expirySeconds)
        .putLong(disconnectedAtMillis)
        .putShort((short) (username.isPresent() ? name.length : -1))
        .put(name)
        .array();
  }

  /** The username after the fixed part of a session record. */
  private static Optional<String> usernameOf(ByteBuffer v) {
    int length = v.getShort();
    if (length < 0) {
      return Optional.empty();
    }
    byte[] name = new byte[length];
    v.get(name);
    return Optional.of(new String(name, StandardCharsets.UTF_8));
  }

  /** The SUBSCRIBE options byte (MQTT 5.0 section 3.8.3.1). */
  static byte optionsByte(SubscriptionOptions o) {
    int b =
        o.maxQos().value()
            | (o.noLocal() ? 0x04 : 0)
            | (o.retainAsPublished() ? 0x08 : 0)
            | (o.retainHandling().value() << 4);
    return (byte) b;
  }

  static SubscriptionOptions optionsOf(byte b) {
    return new SubscriptionOptions(
        QoS.of(b & 0x03),
        (b & 0x04) != 0,
        (b & 0x08) != 0,
        RetainHandling.values()[(b >> 4) & 0x03]);
  }

  private static byte[] subscriptionKey(String clientId, String topicFilter) {
    byte[] prefix = Keys.prefix(clientId);
    byte[] filter = utf8(topicFilter);
    byte[] key = Arrays.copyOf(prefix, prefix.length + filter.length);
    System.arraycopy(filter, 0, key, prefix.length, filter.length);
    return key;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
