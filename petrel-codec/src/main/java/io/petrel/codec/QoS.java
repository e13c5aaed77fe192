package io.petrel.codec;

/** Quality of service of a message or the maximum granted to a subscription. */
public enum QoS {
  AT_MOST_ONCE,
  AT_LEAST_ONCE,
  EXACTLY_ONCE;

  private static final QoS[] VALUES = values();

  public int value() {
    return ordinal();
  }

  /**
   * The QoS for a wire value.
   *
   * @throws IllegalArgumentException for anything but 0, 1 or 2
   */
  public static QoS of(int value) {
    if (value < 0 || value > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + value);
    }
    return VALUES[value];
  }

  /** The lower of two levels: a message is delivered at min(publish QoS, granted QoS). */
  public static QoS min(QoS a, QoS b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }

  public static QoS max(QoS a, QoS b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
