package io.petrel.cli.bench;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What one subscriber has seen from each publisher, by the sequence numbers in the payloads: a
 * message seen twice is a duplicate; one never seen is lost. A bit per sequence number (125 KB per
 * million messages and publisher) keeps it exact whatever order the broker delivers in.
 *
 * <p>Owned by the subscriber's event loop; read by the coordinator only after the loops stopped.
 */
final class SequenceTracker {
  private BitSet[] seen = new BitSet[0];
  private long[] distinct = new long[0];
  private int[] highest = new int[0];
  private long distinctTotal;
  private long duplicates;

  /** Records a message; false when it is a duplicate. */
  boolean record(int publisher, int sequence) {
    if (publisher >= seen.length) {
      grow(publisher + 1);
    }
    BitSet bits = seen[publisher];
    if (bits == null) {
      bits = new BitSet();
      seen[publisher] = bits;
    }
    if (bits.get(sequence)) {
      duplicates++;
      return false;
    }
    bits.set(sequence);
    distinct[publisher]++;
    distinctTotal++;
    highest[publisher] = Math.max(highest[publisher], sequence);
    return true;
  }

  long distinct() {
    return distinctTotal;
  }

  long distinct(int publisher) {
    return publisher < distinct.length ? distinct[publisher] : 0;
  }

  long duplicates() {
    return duplicates;
  }

  /**
   * Messages from {@code publisher} that never arrived, when it is known to have sent {@code sent}.
   */
  long lost(int publisher, long sent) {
    return Math.max(0, sent - distinct(publisher));
  }

  /**
   * Holes below the highest sequence seen from each publisher: the loss a subscriber can tell on
   * its own when it does not know how many were sent (the {@code sub} scenario).
   */
  long gaps() {
    long gaps = 0;
    for (int p = 0; p < seen.length; p++) {
      if (seen[p] != null) {
        gaps += highest[p] + 1L - distinct[p];
      }
    }
    return gaps;
  }

  private void grow(int size) {
    int length = Math.max(size, seen.length * 2);
    seen = Arrays.copyOf(seen, length);
    distinct = Arrays.copyOf(distinct, length);
    highest = Arrays.copyOf(highest, length);
  }
}
