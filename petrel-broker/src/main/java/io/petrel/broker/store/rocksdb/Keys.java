package io.petrel.broker.store.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keys of per-session records: the client id, a 0x00 separator (a client id never contains U+0000
 * [MQTT-1.5.4-2]) and a big-endian number, so that one session's records sort together and in
 * number order.
 */
final class Keys {
  private Keys() {}

  static byte[] id(long id) {
    return ByteBuffer.allocate(8).putLong(id).array();
  }

  static long id(byte[] key, int offset) {
    return ByteBuffer.wrap(key, offset, 8).getLong();
  }

  /** The client id and its separator: the start of all its records. */
  static byte[] prefix(String clientId) {
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(id, id.length + 1);
  }

  /** The first key after every key that starts with {@code prefix}. */
  static byte[] prefixEnd(byte[] prefix) {
    byte[] end = Arrays.copyOf(prefix, prefix.length);
    end[end.length - 1] = 1;
    return end;
  }

  static byte[] clientAndId(String clientId, long id) {
    byte[] prefix = prefix(clientId);
    return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(id).array();
  }

  static byte[] clientAndPacketId(String clientId, int packetId) {
    byte[] prefix = prefix(clientId);
    return ByteBuffer.allocate(prefix.length + 2).put(prefix).putShort((short) packetId).array();
  }

  static String clientOf(byte[] key) {
    for (int i = 0; i < key.length; i++) {
      if (key[i] == 0) {
        return new String(key, 0, i, StandardCharsets.UTF_8);
      }
    }
    throw new StoreException("a key without its client separator");
  }

  /** The number after the client id and separator. */
  static int suffixOffset(byte[] key) {
    return clientOf(key).getBytes(StandardCharsets.UTF_8).length + 1;
  }
}
