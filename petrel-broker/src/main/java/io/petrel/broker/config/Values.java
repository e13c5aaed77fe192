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

  /**
   * A duration as Mosquitto writes {@code persistent_client_expiration}: a number and a unit, h
   * (hours), d (days), w (weeks), m (months of 30 days) or y (years of 365 days), for example
   * {@code 2d} or {@code 1m}.
   *
   * @return the duration in seconds
   */
  static long duration(String value) throws BadValueException {
    if (!value.matches("[0-9]{1,9}[hdwmy]")) {
      throw new BadValueException(
          quote(value) + " is not a duration; use a number and h, d, w, m or y, such as 2d");
    }
    long n = Long.parseLong(value.substring(0, value.length() - 1));
    long unit =
        switch (value.charAt(value.length() - 1)) {
          case 'h' -> 3600L;
          case 'd' -> 86_400L;
          case 'w' -> 7 * 86_400L;
          case 'm' -> 30 * 86_400L;
          default -> 365 * 86_400L;
        };
    return n * unit;
  }

  static String quote(String value) {
    return "\"" + value + "\"";
  }
}
