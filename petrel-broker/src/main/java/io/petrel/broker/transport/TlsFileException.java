package io.petrel.broker.transport;

/**
 * A TLS file that cannot be used; the message names the key and the file, e.g. {@code keyfile
 * /etc/petrel/server.key: encrypted; set keyfile_password}.
 */
final class TlsFileException extends Exception {
  private static final long serialVersionUID = 1L;

  TlsFileException(String message) {
    super(message);
  }

  TlsFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
