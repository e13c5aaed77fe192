package io.petrel.it;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.store.Stores;
import java.util.List;
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
  private final BrokerConfig config;
  private final Stores stores;
  private Broker broker;
  private boolean perClass;

  private BrokerExtension(BrokerConfig config, Stores stores) {
    this.config = config;
    this.stores = stores;
  }

  /** A broker with the default settings. */
  public static BrokerExtension withDefaults() {
    return withConfig(UnaryOperator.identity());
  }

  /**
   * A broker with the defaults changed by {@code customizer}; the listener is always loopback:0.
   */
  public static BrokerExtension withConfig(UnaryOperator<BrokerConfig.Builder> customizer) {
    BrokerConfig.Builder builder = customizer.apply(BrokerConfig.builder());
    return new BrokerExtension(
        builder.listeners(List.of(ListenerConfig.loopback(0))).build(), Stores.inMemory());
  }

  /**
   * Stops the broker and starts a new one on the same stores, as after a restart: persistent
   * sessions and retained messages come back. The port changes.
   */
  public void restart() {
    stop();
    broker = Broker.start(config, stores);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    broker = Broker.start(config, stores);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      broker = Broker.start(config, stores);
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
