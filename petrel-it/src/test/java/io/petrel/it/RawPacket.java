package io.petrel.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One packet read off the wire: the first byte and the bytes after the remaining length.
 *
 * @param header the fixed header's first byte, type and flags
 * @param body everything after the remaining length
 */
public record RawPacket(int header, byte[] body) {

  public int type() {
    return header & 0xF0;
  }

  /** The whole packet as hex, e.g. {@code 20 02 00 00}, for byte-exact assertions. */
  public String hex() {
    byte[] whole = new byte[body.length + 5];
    int at = 0;
    whole[at++] = (byte) header;
    int length = body.length;
    do {
      int digit = length % 128;
      length /= 128;
      whole[at++] = (byte) (length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    System.arraycopy(body, 0, whole, at, body.length);
    return Hex.format(Arrays.copyOf(whole, at + body.length));
  }

  // The accessors below read a PUBLISH.

  public int qos() {
    return (header >> 1) & 0x03;
  }

  public boolean dup() {
    return (header & 0x08) != 0;
  }

  public boolean retain() {
    return (header & 0x01) != 0;
  }

  public String topic() {
    return new String(body, 2, topicLength(), StandardCharsets.UTF_8);
  }

  /** The packet id of a PUBLISH at QoS 1 or 2, or of an acknowledgement. */
  public int packetId() {
    int at = type() == MqttBytes.PUBLISH ? 2 + topicLength() : 0;
    return ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
  }

  public String payload() {
    int at = 2 + topicLength() + (qos() > 0 ? 2 : 0);
    return new String(body, at, body.length - at, StandardCharsets.UTF_8);
  }

  private int topicLength() {
    return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
  }

  @Override
  public String toString() {
    return hex();
  }
}
