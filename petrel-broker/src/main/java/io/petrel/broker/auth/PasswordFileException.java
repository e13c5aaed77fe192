package io.petrel.broker.auth;

/**
 * A password file that cannot be read or has a bad line; the message names the file, the line and
 * what is wrong, e.g. {@code /etc/petrel/passwd:3: user "alice": the salt is not base64}, and never
 * contains a hash or a password.
 */
public final class PasswordFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public PasswordFileException(String message) {
    super(message);
  }

  public PasswordFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
