package io.petrel.cli.bench;

import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.petrel.cli.client.ClientErrors;
import java.util.Optional;

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
   * A failure of a bench client in a line a user reads: TLS failures name the fix (a CA to give
   * with --cafile, a host the certificate does not name), as pub and sub say them; a refused
   * WebSocket upgrade names the path; anything else as {@link #describe(Throwable)}.
   */
  static String describe(Throwable cause, Settings settings) {
    if (settings.sslContext().isPresent()) {
      Optional<String> tls = ClientErrors.tlsProblem(cause, settings.host(), "the broker");
      if (tls.isPresent()) {
        return tls.get();
      }
    }
    for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException) {
        return "WebSocket handshake for "
            + settings.webSocketPath().orElse("/")
            + " failed: "
            + t.getMessage();
      }
    }
    return describe(cause);
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
