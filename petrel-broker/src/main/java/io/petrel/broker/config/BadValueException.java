package io.petrel.broker.config;

/**
 * A value the key does not accept; the message says what is wrong and what is allowed. The loader
 * adds where it was found ({@link Origin}).
 */
final class BadValueException extends Exception {
  private static final long serialVersionUID = 1L;

  BadValueException(String problem) {
    super(problem);
  }
}
