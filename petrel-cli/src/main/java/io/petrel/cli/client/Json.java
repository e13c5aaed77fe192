package io.petrel.cli.client;

/**
 * A small JSON object writer. Hand-written on purpose: sub writes flat objects of strings, numbers
 * and booleans, which needs only string escaping (RFC 8259 section 7), not a JSON library on the
 * command line's class path.
 */
final class Json {
  private final StringBuilder b = new StringBuilder("{");
  private boolean first = true;

  Json field(String name, String value) {
    key(name);
    quote(value);
    return this;
  }

  Json field(String name, long value) {
    key(name);
    b.append(value);
    return this;
  }

  Json field(String name, boolean value) {
    key(name);
    b.append(value);
    return this;
  }

  /** A field whose value is already JSON (an array or object built by the caller). */
  Json raw(String name, String json) {
    key(name);
    b.append(json);
    return this;
  }

  String end() {
    return b.append('}').toString();
  }

  private void key(String name) {
    if (!first) {
      b.append(',');
    }
    first = false;
    quote(name);
    b.append(':');
  }

  private void quote(String s) {
    b.append(quoted(s));
  }

  /** The JSON string literal of {@code s}: quotes, backslash and control characters escaped. */
  static String quoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // U+2028 and U+2029 are valid JSON but end lines in JavaScript: escaped for line readers.
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
