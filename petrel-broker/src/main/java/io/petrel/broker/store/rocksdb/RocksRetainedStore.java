package io.petrel.broker.store.rocksdb;

import io.petrel.broker.retain.InMemoryRetainedMessageStore;
import io.petrel.broker.retain.RetainedMessageStore;
import io.petrel.broker.routing.Message;
import io.petrel.codec.TopicFilter;
import io.petrel.codec.TopicName;
import io.petrel.codec.WildcardSyntax;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Retained messages in RocksDB (topic → stored message), with every one also held in memory, where
 * subscriptions look them up: the disk is written on change and read once, at start-up.
 */
final class RocksRetainedStore implements RetainedMessageStore {
  private final RocksDB db;
  private final ColumnFamilyHandle retained;
  private final WriteOptions writeOptions;
  private final InMemoryRetainedMessageStore memory = new InMemoryRetainedMessageStore();

  RocksRetainedStore(
      RocksDB db, ColumnFamilyHandle retained, WriteOptions writeOptions, WildcardSyntax syntax) {
    this.db = db;
    this.retained = retained;
    this.writeOptions = writeOptions;
    try (RocksIterator it = db.newIterator(retained)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        memory.put(MessageCodec.decode(it.value(), syntax));
      }
    }
    // Those that expired while the broker was down go now.
    memory.removeExpiredAndThen(m -> delete(m.topic()));
  }

  @Override
  public void put(Message message) {
    memory.put(message);
    try {
      db.put(retained, writeOptions, key(message.topic()), MessageCodec.encode(message));
    } catch (RocksDBException e) {
      throw new StoreException("cannot store a retained message: " + e.getMessage(), e);
    }
  }

  @Override
  public void remove(TopicName topic) {
    memory.remove(topic);
    delete(topic);
  }

  @Override
  public List<Message> matching(TopicFilter filter) {
    return memory.matching(filter);
  }

  @Override
  public int size() {
    return memory.size();
  }

  @Override
  public int removeExpired() {
    return memory.removeExpiredAndThen(m -> delete(m.topic()));
  }

  private void delete(TopicName topic) {
    try {
      db.delete(retained, writeOptions, key(topic));
    } catch (RocksDBException e) {
      throw new StoreException("cannot delete a retained message: " + e.getMessage(), e);
    }
  }

  private static byte[] key(TopicName topic) {
    return topic.value().getBytes(StandardCharsets.UTF_8);
  }
}
