package io.petrel.client.internal;

import java.util.BitSet;

/**
 * Packet identifiers in use, 1 to 65535, shared by PUBLISH, SUBSCRIBE and UNSUBSCRIBE
 * [MQTT-2.2.1-3]. Hands out the next free one after the last, so a just-released id is not reused
 * at once (a late duplicate acknowledgement cannot complete the wrong flow).
 */
final class PacketIds {
  private static final int MAX = 0xFFFF;

  private final BitSet used = new BitSet(MAX + 1);
  private int last;
  private int inUse;

  /**
   * The next free id, now in use.
   *
   * @throws IllegalStateException if all 65535 are in use
   */
  int next() {
    if (inUse == MAX) {
      throw new IllegalStateException("all 65535 packet identifiers are in use");
    }
    int id = last;
    do {
      id = id == MAX ? 1 : id + 1;
    } while (used.get(id));
    claim(id);
    return id;
  }

  /** Marks an id as in use, for flows restored from the in-flight store. */
  void claim(int id) {
    if (!used.get(id)) {
      used.set(id);
      inUse++;
    }
    last = id;
  }

  void release(int id) {
    if (used.get(id)) {
      used.clear(id);
      inUse--;
    }
  }

  int inUse() {
    return inUse;
  }
}
