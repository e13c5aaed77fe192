package io.petrel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Immutable bytes: how payloads, passwords and binary properties leave the codec. Reference
 * counting stops at the codec; past it, bytes are plain heap arrays that nobody may change, so one
 * payload can be shared by every subscriber it is delivered to without copies.
 */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** Copies the array: later changes to it do not show. */
  public static Bytes copyOf(byte[] data) {
    return data.length == 0 ? EMPTY : new Bytes(data.clone());
  }

  /**
   * Takes the array without copying. The caller hands it over and must never change it again; the
   * codec uses this for arrays it has just filled.
   */
  public static Bytes wrap(byte[] data) {
    return data.length == 0 ? EMPTY : new Bytes(data);
  }

  public static Bytes utf8(String text) {
    return wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  public int length() {
    return data.length;
  }

  public boolean isEmpty() {
    return data.length == 0;
  }

  public byte byteAt(int index) {
    return data[index];
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return data.clone();
  }

  /** A read-only view, no copy. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /** The bytes decoded as UTF-8; malformed sequences become U+FFFD. */
  public String toUtf8String() {
    return new String(data, StandardCharsets.UTF_8);
  }

  /**
   * The backing array, not a copy. Only for writing it out (to a socket, a store); callers must not
   * change it.
   */
  public byte[] unsafeArray() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Bytes[" + data.length + "]";
  }
}
