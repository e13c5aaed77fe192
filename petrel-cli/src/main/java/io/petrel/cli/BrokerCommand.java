package io.petrel.cli;

import io.petrel.broker.Broker;
import io.petrel.broker.BrokerStartException;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ConfigException;
import io.petrel.broker.config.ConfigLoader;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.ListenerProtocol;
import io.petrel.broker.store.rocksdb.StoreException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code petrel broker}: runs a broker until Ctrl-C. */
@Command(
    name = "broker",
    description = "Run an MQTT broker until interrupted (Ctrl-C).",
    mixinStandardHelpOptions = true,
    versionProvider = Petrel.Version.class,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped cleanly",
      "1:the broker could not start (e.g. the port is in use)",
      "2:bad command line, config file or PETREL_* environment override"
    })
final class BrokerCommand implements Callable<Integer> {
  static final int EXIT_START_FAILED = 1;
  static final int EXIT_BAD_CONFIG = 2;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(BrokerCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Config file in Mosquitto's format (see config/petrel.conf). Without one the broker"
              + " listens on 127.0.0.1:1883 only and allows anonymous clients.")
  Optional<Path> config = Optional.empty();

  @Option(
      names = {"-p", "--port"},
      paramLabel = "N",
      description =
          "Port to listen on (0 picks a free one). With a config file, replaces the first"
              + " listener's port.")
  Optional<Integer> port = Optional.empty();

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on. With a config file, replaces the first listener's address.")
  Optional<String> bind = Optional.empty();

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory of the durable store (sessions, retained messages); default ./data, or"
              + " persistence_location from the config file.")
  Optional<Path> dataDir = Optional.empty();

  @Option(
      names = "--trace",
      description = "Log every packet (logger io.petrel.broker.trace at TRACE).")
  boolean trace;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log at DEBUG.")
  boolean verbose;

  private Map<String, String> env = System.getenv();
  private final CompletableFuture<Broker> started = new CompletableFuture<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  /** For tests: the environment the PETREL_* overrides are read from. */
  BrokerCommand withEnvironment(Map<String, String> value) {
    env = value;
    return this;
  }

  /** For tests: completes once the broker is bound, to learn its ports. */
  CompletableFuture<Broker> started() {
    return started;
  }

  /**
   * What Ctrl-C does (the shutdown hook), and how tests stop the command: lets {@link #call} close
   * the broker and return 0, and waits a while for that so the JVM does not exit first.
   */
  void stop() {
    stopped.countDown();
    try {
      closed.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    Logging.configure(verbose, trace);
    PrintWriter err = spec.commandLine().getErr();
    BrokerConfig brokerConfig;
    try {
      brokerConfig = withDataDir(withCommandLineListener(loadConfig()));
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("petrel: " + e.getMessage());
      return EXIT_BAD_CONFIG;
    }
    Broker broker;
    try {
      broker = Broker.start(brokerConfig);
    } catch (BrokerStartException e) {
      err.println("petrel: " + reason(e));
      return EXIT_START_FAILED;
    } catch (StoreException e) {
      err.println("petrel: " + e.getMessage());
      return EXIT_START_FAILED;
    }
    Thread hook = new Thread(this::stop, "petrel-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    HangupReload.install(broker);
    started.complete(broker);
    logReady(broker);
    try {
      stopped.await();
    } finally {
      broker.close();
      removeIfNotShuttingDown(hook);
      LOG.info("Petrel stopped");
      closed.countDown();
    }
    return 0;
  }

  private BrokerConfig loadConfig() throws ConfigException {
    return config.isPresent() ? ConfigLoader.load(config.get(), env) : ConfigLoader.defaults(env);
  }

  private BrokerConfig withDataDir(BrokerConfig loaded) {
    return dataDir
        .map(d -> loaded.toBuilder().persistence(loaded.persistence().withDirectory(d)).build())
        .orElse(loaded);
  }

  /** --port and --bind replace the first listener's; the one listener when there is no file. */
  private BrokerConfig withCommandLineListener(BrokerConfig loaded) {
    if (port.isEmpty() && bind.isEmpty()) {
      return loaded;
    }
    List<ListenerConfig> listeners = new ArrayList<>(loaded.listeners());
    ListenerConfig first = listeners.get(0);
    listeners.set(0, first.at(bind.orElse(first.bindAddress()), port.orElse(first.port())));
    return loaded.toBuilder().listeners(listeners).build();
  }

  /** As the ready line shows it: {@code mqtt, websockets} and {@code tls} when it has TLS. */
  private static String describeProtocol(ListenerConfig listener) {
    String protocol =
        listener.protocol() == ListenerProtocol.MQTT ? "mqtt, websockets" : "websockets";
    return listener.tls().isPresent() ? protocol + ", tls" : protocol;
  }

  private void logReady(Broker broker) {
    List<InetSocketAddress> bound = broker.boundAddresses();
    List<ListenerConfig> listeners = broker.config().listeners();
    for (int i = 0; i < bound.size(); i++) {
      InetSocketAddress address = bound.get(i);
      String protocol = i < listeners.size() ? describeProtocol(listeners.get(i)) : "?";
      LOG.info(
          "Petrel {} listening on {}:{} ({})",
          Petrel.version(),
          address.getHostString(),
          address.getPort(),
          protocol);
    }
    if (config.isEmpty()) {
      String anonymous = broker.config().allowAnonymous() ? " and allowing anonymous clients" : "";
      if (bind.isEmpty()) {
        LOG.info(
            "No config file given: listening on localhost only{}. To accept remote clients, run"
                + " with --config FILE (see config/petrel.conf) and define a listener.",
            anonymous);
      } else {
        LOG.warn("No config file given: listening on {}{}.", bind.get(), anonymous);
      }
    }
  }

  private static void removeIfNotShuttingDown(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running and waits for this close.
    }
  }

  private static String reason(BrokerStartException e) {
    Throwable cause = e.getCause();
    return cause == null || cause.getMessage() == null
        ? e.getMessage()
        : e.getMessage() + ": " + cause.getMessage();
  }
}
