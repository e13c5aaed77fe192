package io.petrel.cli.client;

/**
 * A failure the user can act on, told in one line on stderr, with the command's exit code. The
 * stack trace is shown only with {@code --debug}.
 */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Success. */
  static final int OK = 0;

  /** Lost connection, refused publish or subscription, file I/O, undecryptable password. */
  static final int FAILED = 1;

  /** Bad command line: unknown option, bad flag combination, unknown profile. */
  static final int USAGE = 2;

  /** No connection: nothing listening, unknown host, TLS failure. */
  static final int CANNOT_CONNECT = 3;

  /** The broker refused the connection: bad user name or password, not authorized. */
  static final int REFUSED = 4;

  /** No answer in time (-W, or the connect timeout). */
  static final int TIMEOUT = 5;

  private final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  static CliFailure usage(String message) {
    return new CliFailure(USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
