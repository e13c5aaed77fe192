package io.petrel.client;

import static org.awaitility.Awaitility.await;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.store.Stores;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An in-process Petrel broker with in-memory stores (nothing is written to disk), its listeners on
 * loopback ephemeral ports; it can be restarted on the same ports and stores.
 */
final class TestBroker implements AutoCloseable {
  private final Stores stores = Stores.inMemory();
  private final List<ListenerConfig> listeners;
  private Broker broker;

  private TestBroker(List<ListenerConfig> requested) {
    broker = Broker.start(config(requested), stores);
    // Port 0 becomes the real port, so that restart() binds the same ones.
    List<InetSocketAddress> bound = broker.boundAddresses();
    listeners =
        IntStream.range(0, requested.size())
            .mapToObj(
                i -> requested.get(i).at(requested.get(i).bindAddress(), bound.get(i).getPort()))
            .toList();
  }

  /** One plain listener: MQTT, and MQTT over WebSocket on the same port. */
  static TestBroker start() {
    return start(ListenerConfig.loopback(0));
  }

  /** These listeners, in order; give them port 0. */
  static TestBroker start(ListenerConfig... listeners) {
    return new TestBroker(List.of(listeners));
  }

  /** The port of the first listener. */
  int port() {
    return port(0);
  }

  /** The port of the listener at {@code index}, in the order given to {@link #start}. */
  int port(int index) {
    return listeners.get(index).port();
  }

  void stop() {
    broker.close();
    broker = null;
  }

  /** Starts again on the same ports and stores: sessions survive. */
  void restart() {
    if (broker != null) {
      stop();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> {
              broker = Broker.start(config(listeners), stores);
              return true;
            });
  }

  PetrelClient.Builder client(String clientId) {
    return PetrelClient.builder()
        .host("127.0.0.1")
        .port(port())
        .clientId(clientId)
        .reconnect(ReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(500)))
        .connectTimeout(Duration.ofSeconds(5));
  }

  private static BrokerConfig config(List<ListenerConfig> listeners) {
    return BrokerConfig.builder().listeners(listeners).build();
  }

  @Override
  public void close() {
    if (broker != null) {
      stop();
    }
  }
}
