package io.petrel.cli.bench;

/** A run that cannot go on, with the one-line reason the command prints. */
final class BenchException extends Exception {
  private static final long serialVersionUID = 1L;

  BenchException(String message) {
    super(message);
  }

  BenchException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A connect error in a line a user reads: Netty adds the address and, for epoll, the system call
   * ("finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:1883"); the command
   * already names the address, so only "Connection refused" is left.
   */
  static String describe(Throwable cause) {
    String message = cause.getMessage();
    if (message == null || message.isBlank()) {
      return cause.getClass().getSimpleName();
    }
    message = message.replaceFirst("^\\w+\\(\\.\\.\\) failed[^:]*: ", "");
    return message.replaceFirst(": [^ ]*/[^ /]*:\\d+$", "");
  }
}
