package io.petrel.it;

import java.util.HexFormat;

/** Packets written the way the spec and Mosquitto's tests show them: {@code "20 02 00 00"}. */
public final class Hex {
  private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ").withUpperCase();

  private Hex() {}

  /** Parses hex digits, ignoring any whitespace between them. */
  public static byte[] parse(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }

  public static String format(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }
}
