package io.petrel.broker.store.rocksdb;

import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;
import io.petrel.broker.routing.Message;
import io.petrel.broker.store.MessageStore;
import io.petrel.codec.WildcardSyntax;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Stored messages and their deliveries in RocksDB.
 *
 * <pre>
 * messages:   message id                  → the message ({@link MessageCodec})
 * refs:       message id                  → deliveries left, uint64 little-endian (merge: add)
 * deliveries: client id 0x00 message id   → {@link DeliveryRecord}
 * progress:   client id 0x00 message id   → state (1) | packet id (2), once sent
 * inbound:    client id 0x00 packet id    → nothing: a QoS 2 id awaiting PUBREL
 * </pre>
 *
 * A message is written once however many sessions it goes to; its reference count drops as their
 * deliveries end, and at zero the message goes. Each thread's changes collect in its own batch
 * until {@link #commit()} writes them in one go, synced in sync mode: a burst of publishes costs
 * one sync.
 */
final class RocksMessageStore implements MessageStore {
  private static final byte[] MINUS_ONE = uint64(-1);

  private final RocksDB db;
  private final ColumnFamilyHandle messages;
  private final ColumnFamilyHandle refs;
  private final ColumnFamilyHandle deliveries;
  private final ColumnFamilyHandle progress;
  private final ColumnFamilyHandle inbound;
  private final WriteOptions writeOptions;
  private final WriteOptions noSync = new WriteOptions();
  private final AtomicLong lastId;
  private final ThreadLocal<Pending> pending = ThreadLocal.withInitial(Pending::new);

  /** One thread's changes not yet written, and the messages whose count it lowered. */
  private static final class Pending {
    final WriteBatch batch = new WriteBatch();
    final Set<Long> released = new HashSet<>();
    List<Runnable> afterCommit = new ArrayList<>();
  }

  RocksMessageStore(
      RocksDB db,
      List<ColumnFamilyHandle> handles, // messages, refs, deliveries, progress, inbound
      WriteOptions writeOptions) {
    this.db = db;
    this.messages = handles.get(0);
    this.refs = handles.get(1);
    this.deliveries = handles.get(2);
    this.progress = handles.get(3);
    this.inbound = handles.get(4);
    this.writeOptions = writeOptions;
    this.lastId = new AtomicLong(lastMessageId());
  }

  private long lastMessageId() {
    try (RocksIterator it = db.newIterator(messages)) {
      it.seekToLast();
      return it.isValid() ? Keys.id(it.key(), 0) : 0;
    }
  }

  @Override
  public long nextId() {
    return lastId.incrementAndGet();
  }

  @Override
  public void store(long messageId, Message message, List<Target> targets) {
    try {
      WriteBatch b = pending.get().batch;
      byte[] id = Keys.id(messageId);
      b.put(messages, id, MessageCodec.encode(message));
      b.merge(refs, id, uint64(targets.size()));
      for (Target t : targets) {
        b.put(
            deliveries,
            Keys.clientAndId(t.clientId(), messageId),
            new DeliveryRecord(t.qos(), t.retainFlag(), t.via(), t.subscriptionIds()).encode());
      }
    } catch (RocksDBException e) {
      throw failure("store a message", e);
    }
  }

  @Override
  public void sent(String clientId, long messageId, int packetId) {
    putProgress(clientId, messageId, State.SENT, packetId);
  }

  @Override
  public void released(String clientId, long messageId, int packetId) {
    putProgress(clientId, messageId, State.RELEASED, packetId);
  }

  private void putProgress(String clientId, long messageId, State state, int packetId) {
    byte[] value =
        ByteBuffer.allocate(3).put((byte) state.ordinal()).putShort((short) packetId).array();
    try {
      pending.get().batch.put(progress, Keys.clientAndId(clientId, messageId), value);
    } catch (RocksDBException e) {
      throw failure("record a delivery's progress", e);
    }
  }

  @Override
  public void remove(String clientId, long messageId) {
    Pending p = pending.get();
    byte[] key = Keys.clientAndId(clientId, messageId);
    try {
      p.batch.delete(deliveries, key);
      p.batch.delete(progress, key);
      p.batch.merge(refs, Keys.id(messageId), MINUS_ONE);
      p.released.add(messageId);
    } catch (RocksDBException e) {
      throw failure("remove a delivery", e);
    }
  }

  @Override
  public void removeAll(String clientId) {
    write(pending.get()); // so that the scan below sees this thread's own entries
    Pending p = pending.get();
    byte[] prefix = Keys.prefix(clientId);
    byte[] end = Keys.prefixEnd(prefix);
    try (RocksIterator it = db.newIterator(deliveries)) {
      for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
        long id = Keys.id(it.key(), prefix.length);
        p.batch.merge(refs, Keys.id(id), MINUS_ONE);
        p.released.add(id);
      }
      p.batch.deleteRange(deliveries, prefix, end);
      p.batch.deleteRange(progress, prefix, end);
      p.batch.deleteRange(inbound, prefix, end);
    } catch (RocksDBException e) {
      throw failure("remove a session's deliveries", e);
    }
  }

  @Override
  public void inboundQos2(String clientId, int packetId) {
    try {
      pending.get().batch.put(inbound, Keys.clientAndPacketId(clientId, packetId), new byte[0]);
    } catch (RocksDBException e) {
      throw failure("record an inbound QoS 2 packet id", e);
    }
  }

  @Override
  public void inboundQos2Released(String clientId, int packetId) {
    try {
      pending.get().batch.delete(inbound, Keys.clientAndPacketId(clientId, packetId));
    } catch (RocksDBException e) {
      throw failure("release an inbound QoS 2 packet id", e);
    }
  }

  @Override
  public void commit() {
    Pending p = pending.get();
    write(p);
    if (!p.afterCommit.isEmpty()) {
      // The actions may store more (a session sends what it was handed): a fresh list for those.
      List<Runnable> actions = p.afterCommit;
      p.afterCommit = new ArrayList<>();
      actions.forEach(Runnable::run);
    }
  }

  /** Writes the thread's batch (synced in sync mode); the waiting actions stay for commit(). */
  private void write(Pending p) {
    if (p.batch.count() == 0) {
      return;
    }
    try {
      db.write(writeOptions, p.batch);
      p.batch.clear();
      if (!p.released.isEmpty()) {
        dropUnreferenced(p.released);
        p.released.clear();
      }
    } catch (RocksDBException e) {
      throw failure("commit", e);
    }
  }

  @Override
  public void afterCommit(Runnable action) {
    Pending p = pending.get();
    if (p.batch.count() == 0 && p.afterCommit.isEmpty()) {
      action.run();
    } else {
      p.afterCommit.add(action);
    }
  }

  /**
   * Deletes the messages no delivery refers to any more. Not synced: if a crash loses it, the next
   * start finds the count at zero and deletes them then.
   */
  private void dropUnreferenced(Set<Long> ids) throws RocksDBException {
    try (WriteBatch b = new WriteBatch()) {
      for (long id : ids) {
        byte[] key = Keys.id(id);
        byte[] count = db.get(refs, key);
        if (count == null || fromUint64(count) <= 0) {
          b.delete(messages, key);
          b.delete(refs, key);
        }
      }
      db.write(noSync, b);
    }
  }

  @Override
  public Map<String, List<Entry>> loadEntries(WildcardSyntax syntax) {
    // Primitive maps: a load of a million messages would otherwise box a million keys twice.
    LongObjectHashMap<Message> decoded = new LongObjectHashMap<>();
    LongObjectHashMap<Set<String>> clientsOf = new LongObjectHashMap<>();
    Map<String, List<Entry>> result = new LinkedHashMap<>();
    Canonical canonical = new Canonical(syntax);
    try (RocksIterator it = db.newIterator(deliveries);
        RocksIterator sent = db.newIterator(progress)) {
      // Progress records have the keys of their deliveries, in the same order: read them
      // alongside rather than looking each delivery's up.
      sent.seekToFirst();
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        byte[] state = progressOf(sent, key);
        String clientId = canonical.string(Keys.clientOf(key));
        long id = Keys.id(key, Keys.suffixOffset(key));
        Message m = decoded.get(id);
        if (m == null) {
          m = readMessage(id, canonical);
          if (m == null) {
            continue; // its delivery outlived a message removed by an earlier version
          }
          decoded.put(id, m);
        }
        DeliveryRecord d = DeliveryRecord.decode(it.value());
        State s = state == null ? State.QUEUED : State.values()[state[0]];
        int packetId = state == null ? 0 : ByteBuffer.wrap(state, 1, 2).getShort() & 0xFFFF;
        result
            .computeIfAbsent(clientId, c -> new ArrayList<>())
            .add(
                new Entry(
                    id,
                    m,
                    d.qos(),
                    d.retainFlag(),
                    canonical.string(d.via()),
                    d.subscriptionIds(),
                    s,
                    packetId));
        // Canonical sets: a million messages for one session share one set rather than having
        // a HashSet each, which made most of the garbage of a large load.
        Set<String> one = canonical.set(Set.of(clientId));
        Set<String> known = clientsOf.get(id);
        clientsOf.put(id, known == null ? one : canonical.union(known, one));
      }
      // An iterator also stops on a read error: tell that from the end of the data.
      it.status();
      sent.status();
    } catch (RocksDBException e) {
      throw failure("read the stored deliveries", e);
    }
    for (LongObjectMap.PrimitiveEntry<Set<String>> e : clientsOf.entries()) {
      decoded.get(e.key()).markStored(e.key(), e.value());
    }
    dropMessagesWithoutDeliveries(clientsOf);
    return result;
  }

  /** The progress record of the delivery at {@code key}, moving {@code sent} up to it; or null. */
  private static byte[] progressOf(RocksIterator sent, byte[] key) {
    while (sent.isValid() && Arrays.compareUnsigned(sent.key(), key) < 0) {
      sent.next();
    }
    return sent.isValid() && Arrays.equals(sent.key(), key) ? sent.value() : null;
  }

  private Message readMessage(long id, Canonical canonical) {
    try {
      byte[] bytes = db.get(messages, Keys.id(id));
      return bytes == null ? null : MessageCodec.decode(bytes, canonical);
    } catch (RocksDBException e) {
      throw failure("read a stored message", e);
    }
  }

  /** At start-up: messages whose deliveries all ended before a crash let the cleanup run. */
  private void dropMessagesWithoutDeliveries(LongObjectHashMap<?> referenced) {
    try (RocksIterator it = db.newIterator(messages);
        WriteBatch b = new WriteBatch()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (!referenced.containsKey(Keys.id(it.key(), 0))) {
          b.delete(messages, it.key());
          b.delete(refs, it.key());
        }
      }
      db.write(noSync, b);
    } catch (RocksDBException e) {
      throw failure("drop unreferenced messages", e);
    }
  }

  @Override
  public Map<String, Set<Integer>> loadInboundQos2() {
    Map<String, Set<Integer>> result = new HashMap<>();
    try (RocksIterator it = db.newIterator(inbound)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        int at = Keys.suffixOffset(key);
        int packetId = ((key[at] & 0xFF) << 8) | (key[at + 1] & 0xFF);
        result.computeIfAbsent(Keys.clientOf(key), c -> new HashSet<>()).add(packetId);
      }
    }
    return result;
  }

  void close() {
    noSync.close();
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] uint64(long value) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  private static long fromUint64(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private static StoreException failure(String what, RocksDBException e) {
    return new StoreException("cannot " + what + " in the store: " + e.getMessage(), e);
  }
}
