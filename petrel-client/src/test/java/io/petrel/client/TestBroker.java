package io.petrel.client;

import static org.awaitility.Awaitility.await;

import io.petrel.broker.Broker;
import io.petrel.broker.config.BrokerConfig;
import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.store.Stores;
import java.time.Duration;
import java.util.List;

/** An in-process Petrel broker on a loopback ephemeral port that can be restarted on its stores. */
final class TestBroker implements AutoCloseable {
  private final Stores stores = Stores.inMemory();
  private Broker broker;
  private final int port;

  private TestBroker() {
    broker = Broker.start(config(0), stores);
    port = broker.port();
  }

  static TestBroker start() {
    return new TestBroker();
  }

  int port() {
    return port;
  }

  void stop() {
    broker.close();
    broker = null;
  }

  /** Starts again on the same port and stores: sessions survive. */
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
              broker = Broker.start(config(port), stores);
              return true;
            });
  }

  PetrelClient.Builder client(String clientId) {
    return PetrelClient.builder()
        .host("127.0.0.1")
        .port(port)
        .clientId(clientId)
        .reconnect(ReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(500)))
        .connectTimeout(Duration.ofSeconds(5));
  }

  private static BrokerConfig config(int port) {
    return BrokerConfig.builder().listeners(List.of(ListenerConfig.loopback(port))).build();
  }

  @Override
  public void close() {
    if (broker != null) {
      stop();
    }
  }
}
