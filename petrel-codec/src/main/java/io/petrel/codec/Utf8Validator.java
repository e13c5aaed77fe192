package io.petrel.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Checks UTF-8 by hand, byte by byte, against the well-formed sequences of Unicode (table 3-7, as
 * restated in RFC 3629). Java's {@code new String(bytes, UTF_8)} would silently replace what it
 * cannot decode, and MQTT requires the receiver to refuse it instead [MQTT-1.5.4-1]: overlong forms
 * (C0, C1, E0 80..9F, F0 80..8F), encoded surrogates (ED A0..BF), code points above U+10FFFF (F4
 * 90.., F5..FF), stray continuation bytes and truncated sequences. U+0000 is well-formed UTF-8 but
 * forbidden in MQTT strings [MQTT-1.5.4-2], so it is reported apart.
 */
final class Utf8Validator {
  enum Error {
    ILL_FORMED,
    NUL
  }

  private Utf8Validator() {}

  static Error firstError(byte[] data) {
    ByteBuf buf = Unpooled.wrappedBuffer(data);
    try {
      return firstError(buf, 0, data.length);
    } finally {
      buf.release();
    }
  }

  /** The first problem in {@code length} bytes from {@code start}, or null if there is none. */
  static Error firstError(ByteBuf buf, int start, int length) {
    int i = start;
    int end = start + length;
    while (i < end) {
      int b = buf.getByte(i) & 0xFF;
      if (b < 0x80) {
        if (b == 0) {
          return Error.NUL;
        }
        i++;
        continue;
      }
      int trailing;
      int lo = 0x80; // bounds of the second byte, which is where overlongs and surrogates show
      int hi = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        trailing = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        trailing = 2;
        if (b == 0xE0) {
          lo = 0xA0; // below is an overlong form
        } else if (b == 0xED) {
          hi = 0x9F; // above is U+D800..U+DFFF
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        trailing = 3;
        if (b == 0xF0) {
          lo = 0x90; // below is an overlong form
        } else if (b == 0xF4) {
          hi = 0x8F; // above is beyond U+10FFFF
        }
      } else {
        return Error.ILL_FORMED; // 80..C1 and F5..FF never start a sequence
      }
      if (i + trailing >= end) {
        return Error.ILL_FORMED;
      }
      int second = buf.getByte(i + 1) & 0xFF;
      if (second < lo || second > hi) {
        return Error.ILL_FORMED;
      }
      for (int k = 2; k <= trailing; k++) {
        int c = buf.getByte(i + k) & 0xFF;
        if (c < 0x80 || c > 0xBF) {
          return Error.ILL_FORMED;
        }
      }
      i += trailing + 1;
    }
    return null;
  }

  /**
   * The UTF-8 length of a Java string that is to go on the wire.
   *
   * @throws IllegalArgumentException on U+0000 or an unpaired surrogate, which no MQTT string may
   *     carry [MQTT-1.5.4-1][MQTT-1.5.4-2]
   */
  static int encodedLength(String s) {
    try {
      return utf8Length(s, true);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an MQTT string must not contain " + e.getMessage(), e);
    }
  }

  /**
   * The UTF-8 length of a Java string, counted without encoding it.
   *
   * @throws IllegalArgumentException on an unpaired surrogate, which has no UTF-8 form, naming its
   *     index
   */
  static int utf8Length(String s) {
    return utf8Length(s, false);
  }

  // One pass for both: the encoder counts every string it writes.
  private static int utf8Length(String s, boolean refuseNul) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 && refuseNul) {
        throw new IllegalArgumentException("U+0000 (at index " + i + ")");
      } else if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("an unpaired surrogate (at index " + i + ")");
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
