package io.petrel.broker.auth;

import io.petrel.codec.WildcardSyntax;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of {@code acl_file}, read again when the file changes (checked with the password file's
 * {@link FileWatch}) or when asked (SIGHUP, {@code Broker.reloadPasswords()}). The new rules apply
 * to every check from then on, for open connections too: publishes, subscribes and each delivery. A
 * reload that fails keeps the rules there were and logs why. Safe for concurrent use.
 */
public final class AclFileAuthorizer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AclFileAuthorizer.class);

  private final Path file;
  private final WildcardSyntax syntax;
  // Replaced whole on reload, read by every check without a lock.
  private volatile AclFile acl;
  private final FileWatch watch;

  private AclFileAuthorizer(
      Path file, WildcardSyntax syntax, AclFile acl, FileWatch.FileStamp readAs) {
    this.file = file;
    this.syntax = syntax;
    this.acl = acl;
    this.watch = new FileWatch(file, readAs, "petrel-acl-file", this::reload);
  }

  /**
   * Reads the file.
   *
   * @throws AclFileException if it cannot be read or a line is malformed
   */
  public static AclFileAuthorizer open(Path file, WildcardSyntax syntax) throws AclFileException {
    FileWatch.FileStamp readAs = FileWatch.stamp(file);
    return new AclFileAuthorizer(file, syntax, AclFile.read(file, syntax), readAs);
  }

  public Path file() {
    return file;
  }

  /** The rules now in force. */
  public AclFile acl() {
    return acl;
  }

  /**
   * Reads the file again, changed or not.
   *
   * @return whether it was read; if not the old rules stay and the log says why
   */
  public synchronized boolean reload() {
    watch.read();
    try {
      acl = AclFile.read(file, syntax);
      LOG.info("Reloaded the ACL file {}", file);
      return true;
    } catch (AclFileException e) {
      LOG.warn("Kept the rules of the ACL file: reloading failed: {}", e.getMessage());
      return false;
    }
  }

  /** Reloads if the file changed; the periodic check. */
  void reloadIfChanged() {
    watch.reloadIfChanged();
  }

  /** Starts checking the file for changes every {@code interval}, on a daemon thread. */
  public void watch(Duration interval) {
    watch.watch(interval);
  }

  @Override
  public void close() {
    watch.close();
  }
}
