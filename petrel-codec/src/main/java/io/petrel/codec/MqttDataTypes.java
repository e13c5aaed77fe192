package io.petrel.codec;

import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The MQTT data types on the wire (MQTT 5.0 section 1.5): two-byte and four-byte integers, UTF-8
 * encoded strings, binary data and variable byte integers, read strictly and written exactly.
 *
 * <p>Readers take a buffer that holds exactly one packet body, so running out of bytes means the
 * packet is shorter than its fields say: a Malformed Packet.
 */
public final class MqttDataTypes {
  /** The largest value a variable byte integer can carry in its four bytes [MQTT-1.5.5-1]. */
  public static final int MAX_VARIABLE_BYTE_INTEGER = 268_435_455;

  private MqttDataTypes() {}

  public static int readUnsignedByte(ByteBuf in, String field) throws MalformedPacketException {
    need(in, 1, field);
    return in.readUnsignedByte();
  }

  public static int readTwoByteInteger(ByteBuf in, String field) throws MalformedPacketException {
    need(in, 2, field);
    return in.readUnsignedShort();
  }

  public static long readFourByteInteger(ByteBuf in, String field) throws MalformedPacketException {
    need(in, 4, field);
    return in.readUnsignedInt();
  }

  /**
   * Reads a variable byte integer: at most four bytes, in the fewest bytes that hold the value
   * [MQTT-1.5.5-1].
   */
  public static int readVariableByteInteger(ByteBuf in, String field)
      throws MalformedPacketException {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      need(in, 1, field);
      int b = in.readUnsignedByte();
      value |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new MalformedPacketException(
              MALFORMED_PACKET, "MQTT-1.5.5-1", field + " is not in the fewest bytes possible");
        }
        return value;
      }
    }
    throw new MalformedPacketException(
        MALFORMED_PACKET, "MQTT-1.5.5-1", field + " is longer than four bytes");
  }

  /** Reads a UTF-8 encoded string with its two-byte length, rejecting ill-formed text. */
  public static String readString(ByteBuf in, String field) throws MalformedPacketException {
    int length = readTwoByteInteger(in, field + " length");
    need(in, length, field);
    int start = in.readerIndex();
    checkUtf8(in, start, length, field);
    // Decoding can no longer replace anything: the bytes were just proven well-formed.
    String value = in.toString(start, length, StandardCharsets.UTF_8);
    in.skipBytes(length);
    return value;
  }

  /** Reads binary data with its two-byte length into a fresh array the result owns. */
  public static Bytes readBinary(ByteBuf in, String field) throws MalformedPacketException {
    int length = readTwoByteInteger(in, field + " length");
    need(in, length, field);
    return readBytes(in, length);
  }

  /** Copies the next {@code length} bytes out of the buffer: no reference to it survives. */
  static Bytes readBytes(ByteBuf in, int length) {
    byte[] data = new byte[length];
    in.readBytes(data);
    return Bytes.wrap(data);
  }

  /**
   * Whether the bytes are well-formed UTF-8 without U+0000, as MQTT strings must be; for checking a
   * payload that claims to be UTF-8 (Payload Format Indicator 1).
   */
  public static boolean isWellFormedUtf8(Bytes bytes) {
    return Utf8Validator.firstError(bytes.unsafeArray()) == null;
  }

  private static void checkUtf8(ByteBuf in, int start, int length, String field)
      throws MalformedPacketException {
    Utf8Validator.Error error = Utf8Validator.firstError(in, start, length);
    if (error == Utf8Validator.Error.NUL) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-1.5.4-2", field + " contains the null character U+0000");
    }
    if (error != null) {
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-1.5.4-1", field + " is not well-formed UTF-8");
    }
  }

  private static void need(ByteBuf in, int bytes, String field) throws MalformedPacketException {
    if (in.readableBytes() < bytes) {
      // No numbered rule: the packet is shorter than its own fields say (MQTT 5.0 section 2.1.4).
      throw new MalformedPacketException(
          MALFORMED_PACKET, "MQTT-2.1.4", field + " runs past the end of the packet");
    }
  }

  // ---- writers ----

  /** The number of bytes a variable byte integer takes. */
  public static int variableByteIntegerSize(int value) {
    if (value < 0 || value > MAX_VARIABLE_BYTE_INTEGER) {
      throw new IllegalArgumentException("not a variable byte integer: " + value);
    }
    return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x20_0000 ? 3 : 4;
  }

  public static void writeVariableByteInteger(ByteBuf out, int value) {
    variableByteIntegerSize(value); // range check
    do {
      int digit = value & 0x7F;
      value >>>= 7;
      out.writeByte(value > 0 ? digit | 0x80 : digit);
    } while (value > 0);
  }

  /**
   * The UTF-8 length of a string, counted without encoding it: what to compare with the 65535 bytes
   * an MQTT string may hold [MQTT-1.5.4-1] before anything is sent.
   *
   * @throws IllegalArgumentException on an unpaired surrogate, which has no UTF-8 form; the message
   *     names its index
   */
  public static int utf8Length(String value) {
    return Utf8Validator.utf8Length(value);
  }

  /**
   * The encoded size of a string with its length prefix.
   *
   * @throws IllegalArgumentException if the string cannot be an MQTT string: U+0000, an unpaired
   *     surrogate [MQTT-1.5.4-1][MQTT-1.5.4-2], or more than 65535 bytes
   */
  public static int stringSize(String value) {
    int bytes = Utf8Validator.encodedLength(value);
    if (bytes > 0xFFFF) {
      throw new IllegalArgumentException("string longer than 65535 bytes: " + bytes);
    }
    return 2 + bytes;
  }

  public static void writeString(ByteBuf out, String value) {
    int size = stringSize(value);
    out.writeShort(size - 2);
    out.writeCharSequence(value, StandardCharsets.UTF_8);
  }

  public static int binarySize(Bytes value) {
    if (value.length() > 0xFFFF) {
      throw new IllegalArgumentException("binary data longer than 65535 bytes: " + value.length());
    }
    return 2 + value.length();
  }

  public static void writeBinary(ByteBuf out, Bytes value) {
    binarySize(value); // range check
    out.writeShort(value.length());
    out.writeBytes(value.unsafeArray());
  }
}
