package io.petrel.broker.auth;

/**
 * An ACL file that cannot be read or has a bad line; the message names the file, the line and what
 * is wrong, e.g. {@code /etc/petrel/acl:3: unknown keyword "topics"; use user, topic or pattern}.
 */
public final class AclFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public AclFileException(String message) {
    super(message);
  }

  public AclFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
