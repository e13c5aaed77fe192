package io.petrel.cli;

import io.petrel.broker.Broker;
import sun.misc.Signal;

/**
 * SIGHUP reloads the password file, the ACL file and the TLS certificates, as it makes Mosquitto
 * reload its files. All are also reloaded when their files change; the signal is for not waiting.
 */
final class HangupReload {
  private HangupReload() {}

  /**
   * Handles SIGHUP for {@code broker}. Where the JVM cannot (no {@code sun.misc.Signal}, no SIGHUP
   * on Windows, signals left to the system with {@code -Xrs}) nothing happens: the files are still
   * watched.
   *
   * @return whether SIGHUP is handled
   */
  static boolean install(Broker broker) {
    try {
      Signal.handle(
          new Signal("HUP"),
          signal -> {
            broker.reloadPasswords();
            broker.reloadCertificates();
          });
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      // Falls back to the file watch alone, silently: nothing the user can change.
      return false;
    }
  }
}
