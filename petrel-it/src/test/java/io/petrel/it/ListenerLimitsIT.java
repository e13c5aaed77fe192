package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.ListenerLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Does a listener keep to max_connections and max_connect_rate, and log what it refuses? */
class ListenerLimitsIT {
  private static final int TWO_CONNECTIONS = 0;
  private static final int TWO_PER_SECOND = 1;

  // Fresh per test: the rate limiter's buckets and the open connections start empty.
  @RegisterExtension
  final BrokerExtension broker =
      BrokerExtension.withListeners(
          () ->
              List.of(
                  ListenerConfig.loopback(0).withLimits(new ListenerLimits(2, -1)),
                  ListenerConfig.loopback(0).withLimits(new ListenerLimits(-1, 2))));

  private String uri(int listener) {
    return "tcp://127.0.0.1:" + broker.port(listener);
  }

  @Test
  void aConnectionBeyondMaxConnectionsIsClosedAndTheNextFitsOnceOneLeaves() throws Exception {
    try (LogCapture log = LogCapture.of("io.petrel.broker.transport")) {
      PahoClient first = PahoClient.connect(uri(TWO_CONNECTIONS), Names.clientId("first"));
      try (PahoClient second = PahoClient.connect(uri(TWO_CONNECTIONS), Names.clientId("second"))) {
        assertThatThrownBy(() -> PahoClient.connect(uri(TWO_CONNECTIONS), Names.clientId("third")))
            .isInstanceOf(MqttException.class);
        assertThat(log.messages()).anyMatch(m -> m.contains("max_connections 2"));
        assertThat(second.isConnected()).isTrue();

        first.close();
        await()
            .atMost(Duration.ofSeconds(5))
            .ignoreExceptions()
            .until(
                () -> {
                  PahoClient.connect(uri(TWO_CONNECTIONS), Names.clientId("fourth")).close();
                  return true;
                });
      }
    }
  }

  @Test
  void connectionsBeyondMaxConnectRateAreClosedAtOnceAndLoggedOncePerAddress() {
    List<RawMqttClient> clients = new ArrayList<>();
    try (LogCapture log = LogCapture.of("io.petrel.broker.transport")) {
      for (int i = 0; i < 6; i++) {
        clients.add(RawMqttClient.open(broker.port(TWO_PER_SECOND)));
      }
      // The first two fit the burst; the rest arrive within far less than the half second
      // the next token takes.
      int refused = 0;
      for (RawMqttClient client : clients.subList(2, clients.size())) {
        client.awaitClosed();
        refused++;
      }
      assertThat(refused).isEqualTo(4);
      clients.get(0).send(MqttBytes.connect(Names.clientId("within-rate")).bytes());
      clients.get(0).expect("20 02 00 00");

      List<String> lines =
          log.messages().stream().filter(m -> m.contains("max_connect_rate 2")).toList();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).contains("127.0.0.1");
    } finally {
      clients.forEach(RawMqttClient::close);
    }
  }
}
