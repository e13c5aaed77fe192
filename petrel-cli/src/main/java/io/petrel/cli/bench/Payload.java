package io.petrel.cli.bench;

import io.netty.buffer.ByteBuf;

/**
 * The bench's payload header, big-endian, followed by padding up to --size: publisher index (int),
 * sequence number per publisher (int), send time {@link System#nanoTime()} (long). One JVM sends
 * and receives, so the send time can be compared with the receive time directly; on Linux nanoTime
 * is CLOCK_MONOTONIC, so a {@code sub} run on the same host as a {@code pub} run can compare too.
 */
final class Payload {
  static final int HEADER_SIZE = 16;

  /** Larger indexes are not ours: a payload from some other publisher that happens to be long. */
  private static final int MAX_PUBLISHER = 1 << 20;

  private static final long PLAUSIBLE_AGE_NANOS = 3_600_000_000_000L; // one hour

  private Payload() {}

  static void write(ByteBuf buf, int offset, int publisher, int sequence, long sendNanos) {
    buf.setInt(offset, publisher);
    buf.setInt(offset + 4, sequence);
    buf.setLong(offset + 8, sendNanos);
  }

  static void write(byte[] array, int publisher, int sequence, long sendNanos) {
    for (int i = 0; i < 4; i++) {
      array[i] = (byte) (publisher >>> (24 - 8 * i));
      array[4 + i] = (byte) (sequence >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      array[8 + i] = (byte) (sendNanos >>> (56 - 8 * i));
    }
  }

  /** The header of a received payload, or null when it is not one of ours. */
  static Header read(byte[] array, long nowNanos) {
    if (array.length < HEADER_SIZE) {
      return null;
    }
    int publisher = (int) readBits(array, 0, 4);
    int sequence = (int) readBits(array, 4, 4);
    long sent = readBits(array, 8, 8);
    long age = nowNanos - sent;
    if (publisher < 0
        || publisher >= MAX_PUBLISHER
        || sequence < 0
        || age < -PLAUSIBLE_AGE_NANOS
        || age > PLAUSIBLE_AGE_NANOS) {
      return null;
    }
    return new Header(publisher, sequence, sent);
  }

  private static long readBits(byte[] array, int offset, int length) {
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = (value << 8) | (array[offset + i] & 0xFF);
    }
    return value;
  }

  record Header(int publisher, int sequence, long sendNanos) {}
}
