package io.petrel.cli.bench;

/**
 * A fixed-memory log-linear histogram of non-negative longs (nanoseconds here), about 0.8% precise
 * up to 60 s: exact below 256, then every power of two split into 128 equal buckets, so the bucket
 * holding a value is never wider than 1/128 of it. 3,840 counters, 30 KB, whatever is recorded.
 *
 * <p>HdrHistogram does the same and more, but it is not on the project's list of allowed
 * dependencies, and the bench needs only record, merge and percentiles: forty lines of index
 * arithmetic are cheaper to own than a new dependency to vet.
 *
 * <p>Not thread-safe: each event loop records into its own and they are merged afterwards.
 */
final class Histogram {
  /** Sub-buckets per power of two: 2^7 = 128, a relative bucket width of at most 1/128. */
  private static final int SUB_BITS = 7;

  private static final int SUB_COUNT = 1 << SUB_BITS;
  private static final int LINEAR_LIMIT = SUB_COUNT * 2; // values below are counted exactly

  /** 2^36 ns is about 68.7 s: everything up to 60 s keeps its precision. */
  private static final int TOP_EXPONENT = 35;

  private static final int BUCKETS = LINEAR_LIMIT + (TOP_EXPONENT - SUB_BITS) * SUB_COUNT;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private long max;

  void record(long value) {
    long v = Math.max(0, value);
    counts[index(v)]++;
    count++;
    if (v > max) {
      max = v;
    }
  }

  void add(Histogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
    max = Math.max(max, other.max);
  }

  void reset() {
    java.util.Arrays.fill(counts, 0);
    count = 0;
    max = 0;
  }

  long count() {
    return count;
  }

  /** The largest value recorded, exactly; 0 when empty. */
  long max() {
    return max;
  }

  /**
   * The value below or at which {@code percent} of the recorded values lie (nearest rank), as the
   * middle of its bucket and never above the maximum; 0 when empty.
   */
  long percentile(double percent) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i == BUCKETS - 1 ? max : Math.min(max, middle(i));
      }
    }
    return max;
  }

  static int index(long v) {
    if (v < LINEAR_LIMIT) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v);
    if (exponent > TOP_EXPONENT) {
      return BUCKETS - 1; // beyond 68 s: counted in the last bucket, the maximum stays exact
    }
    int shift = exponent - SUB_BITS;
    int sub = (int) (v >>> shift) - SUB_COUNT;
    return LINEAR_LIMIT + (exponent - SUB_BITS - 1) * SUB_COUNT + sub;
  }

  static long middle(int index) {
    if (index < LINEAR_LIMIT) {
      return index;
    }
    int exponent = (index - LINEAR_LIMIT) / SUB_COUNT + SUB_BITS + 1;
    int sub = (index - LINEAR_LIMIT) % SUB_COUNT;
    int shift = exponent - SUB_BITS;
    long low = (long) (SUB_COUNT + sub) << shift;
    return low + ((1L << shift) - 1) / 2;
  }
}
