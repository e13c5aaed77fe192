package io.petrel.broker.config;

/** Parses config values the way Mosquitto spells them; errors say what is allowed. */
final class Values {
  private Values() {}

  /** Mosquitto accepts exactly {@code true} and {@code false}. */
  static boolean bool(String value) throws BadValueException {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new BadValueException(quote(value) + " is not allowed; use true or false");
    };
  }

  static int integer(String value, int min, int max) throws BadValueException {
    if (!value.matches("-?[0-9]+")) {
      throw new BadValueException(quote(value) + " is not a number");
    }
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException tooManyDigits) {
      number = value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (number < min || number > max) {
      throw new BadValueException(value + " is out of range; use " + min + " to " + max);
    }
    return (int) number;
  }

  /** One visible character: topic separators and wildcards. */
  static char character(String value) throws BadValueException {
    if (value.length() != 1) {
      throw new BadValueException(quote(value) + " must be exactly one character");
    }
    char c = value.charAt(0);
    if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSurrogate(c)) {
      throw new BadValueException("a space, control or surrogate character is not allowed");
    }
    return c;
  }

  static String quote(String value) {
    return "\"" + value + "\"";
  }
}
