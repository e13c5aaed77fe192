package io.petrel.cli.client;

import io.petrel.client.BlockingClient;
import io.petrel.client.ConnectResult;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What pub and sub share: the connection flags (Mosquitto's, so {@code -h} is the host and help is
 * {@code --help} only), profiles, and turning every failure into one line on stderr and an exit
 * code.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connectionOptions;

  @Mixin SessionOptions session;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  Map<String, String> env = System.getenv();
  InputStream stdin = System.in;

  /** For tests: the environment (PETREL_CONFIG_HOME, PETREL_ENCRYPTION_KEY). */
  ClientCommand withEnvironment(Map<String, String> value) {
    env = value;
    return this;
  }

  /** For tests: what stands for stdin. */
  ClientCommand withInput(InputStream value) {
    stdin = value;
    return this;
  }

  /** Runs once the settings are resolved; throws {@link CliFailure} or the client's exceptions. */
  abstract int run(Connection connection) throws InterruptedException;

  /** Checks of this command's own flags, before anything connects. */
  abstract void check();

  @Override
  public final Integer call() {
    ClientLogging.configure(session.debug);
    Connection connection = null;
    try {
      check();
      session.check();
      connection = Connection.resolve(connectionOptions, Optional.ofNullable(session.profile), env);
      return run(connection);
    } catch (CliFailure f) {
      return fail(f);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(new CliFailure(CliFailure.FAILED, "interrupted", e));
    } catch (IllegalArgumentException e) {
      // The client's checks of settings and topics: the message names the rule.
      return fail(new CliFailure(CliFailure.USAGE, e.getMessage(), e));
    } catch (RuntimeException e) {
      return fail(
          connection == null
              ? new CliFailure(CliFailure.FAILED, String.valueOf(e.getMessage()), e)
              : ClientErrors.describe(e, connection, false));
    }
  }

  /** Connects, telling a refused or failed connect apart from later failures. */
  ConnectResult connect(BlockingClient client, Connection connection) {
    try {
      ConnectResult result = client.connect();
      debug(
          "connected to "
              + connection.address()
              + " (MQTT "
              + connection.version
              + ", session present: "
              + result.sessionPresent()
              + ")");
      return result;
    } catch (RuntimeException e) {
      throw ClientErrors.describe(e, connection, true);
    }
  }

  void debug(String line) {
    if (session.debug) {
      err().println(spec.qualifiedName() + ": " + line);
      err().flush();
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private int fail(CliFailure f) {
    err().println(spec.qualifiedName() + ": " + f.getMessage());
    if (session.debug && f.getCause() != null) {
      f.getCause().printStackTrace(err());
    }
    err().flush();
    return f.exitCode();
  }
}
