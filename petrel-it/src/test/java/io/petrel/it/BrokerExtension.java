package io.petrel.it;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.store.Stores;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real Petrel broker on an ephemeral loopback port. Registered on a static field it serves a
 * whole test class; on an instance field it starts a fresh broker for every test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrokerExtension BROKER = BrokerExtension.withConfig(b -> b.maxQueuedMessages(10));
 * }</pre>
 */
public final class BrokerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Supplier<BrokerConfig> configSupplier;
  private final Stores stores;
  private BrokerConfig config;
  private Broker broker;
  private boolean perClass;

  private BrokerExtension(Supplier<BrokerConfig> config, Stores stores) {
    this.configSupplier = config;
    this.stores = stores;
  }

  /**
   * The defaults, but with two event loops whatever the machine: on a 2-core machine the default is
   * one, and then no test would hand a message from one loop to another, which every broker with
   * more cores does all the time. A test may still set its own {@code ioThreads}.
   */
  private static BrokerConfig.Builder testDefaults() {
    return BrokerConfig.builder().ioThreads(2);
  }

  /** A broker with the default settings. */
  public static BrokerExtension withDefaults() {
    return withConfig(UnaryOperator.identity());
  }

  /**
   * A broker with the defaults changed by {@code customizer}; the listener is always loopback:0.
   */
  public static BrokerExtension withConfig(UnaryOperator<BrokerConfig.Builder> customizer) {
    BrokerConfig.Builder builder = customizer.apply(testDefaults());
    BrokerConfig config = builder.listeners(List.of(ListenerConfig.loopback(0))).build();
    return new BrokerExtension(() -> config, Stores.inMemory());
  }

  /**
   * Like {@link #withConfig}, but {@code customizer} runs when the broker first starts, so that it
   * may write and name files in a {@code @TempDir}, such as a password file.
   */
  public static BrokerExtension withConfigAtStart(UnaryOperator<BrokerConfig.Builder> customizer) {
    return new BrokerExtension(
        () ->
            customizer.apply(testDefaults()).listeners(List.of(ListenerConfig.loopback(0))).build(),
        Stores.inMemory());
  }

  /**
   * A broker with the given listeners (each on port 0 for an ephemeral port), asked for when the
   * broker starts, so that they may name files a {@code static @TempDir} holds by then.
   */
  public static BrokerExtension withListeners(Supplier<List<ListenerConfig>> listeners) {
    return new BrokerExtension(
        () -> testDefaults().listeners(listeners.get()).build(), Stores.inMemory());
  }

  private Broker startBroker() {
    if (config == null) {
      config = configSupplier.get();
    }
    return Broker.start(config, stores);
  }

  /**
   * Stops the broker and starts a new one on the same stores, as after a restart: persistent
   * sessions and retained messages come back. The port changes.
   */
  public void restart() {
    stop();
    broker = startBroker();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    broker = startBroker();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      broker = startBroker();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  public int port() {
    return running().port();
  }

  /** The port of the listener at {@code index} in config order. */
  public int port(int index) {
    return running().boundAddresses().get(index).getPort();
  }

  /** The running broker, for what the helpers here do not cover. */
  public Broker broker() {
    return running();
  }

  /** The URI Paho connects to. */
  public String uri() {
    return "tcp://127.0.0.1:" + port();
  }

  private Broker running() {
    if (broker == null) {
      throw new IllegalStateException("the broker is not running");
    }
    return broker;
  }
}
