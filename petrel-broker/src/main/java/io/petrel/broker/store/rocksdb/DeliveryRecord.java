package io.petrel.broker.store.rocksdb;

import io.petrel.codec.QoS;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of a stored delivery: how the message goes to one session. Its progress (sent,
 * released) is kept apart, so that changing it is a blind write, never a read-modify-write.
 *
 * <pre>
 * version (1) | QoS (1) | retain flag (1) | via length (2) | via (UTF-8) | id count (2) | ids (4 each)
 * </pre>
 *
 * @param via the topic filter of the subscription it came through
 * @param subscriptionIds the identifiers it is sent with
 */
record DeliveryRecord(QoS qos, boolean retainFlag, String via, List<Integer> subscriptionIds) {
  private static final byte VERSION = 1;

  byte[] encode() {
    byte[] v = via.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(1 + 1 + 1 + 2 + v.length + 2 + 4 * subscriptionIds.size());
    out.put(VERSION).put((byte) qos.value()).put((byte) (retainFlag ? 1 : 0));
    out.putShort((short) v.length).put(v).putShort((short) subscriptionIds.size());
    subscriptionIds.forEach(out::putInt);
    return out.array();
  }

  static DeliveryRecord decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.get() != VERSION) {
      throw new StoreException("a stored delivery has an unknown record version");
    }
    QoS qos = QoS.of(in.get());
    boolean retainFlag = in.get() != 0;
    byte[] v = new byte[in.getShort() & 0xFFFF];
    in.get(v);
    int count = in.getShort() & 0xFFFF;
    // Usually none: then the shared empty list rather than an ArrayList per queued message.
    List<Integer> ids = count == 0 ? List.of() : new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(in.getInt());
    }
    return new DeliveryRecord(qos, retainFlag, new String(v, StandardCharsets.UTF_8), ids);
  }
}
