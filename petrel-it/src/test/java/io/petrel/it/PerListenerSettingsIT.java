package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.broker.config.ListenerConfig;
import io.petrel.broker.config.ListenerLimits;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mosquitto's {@code per_listener_settings}: each listener decides for itself whether clients
 * without a username may connect, whatever the global {@code allow_anonymous} says.
 */
class PerListenerSettingsIT {
  private static ListenerConfig listener(Optional<Boolean> allowAnonymous) {
    return ListenerConfig.loopback(0)
        .withLimits(
            new ListenerLimits(ListenerLimits.UNLIMITED, ListenerLimits.UNLIMITED, allowAnonymous));
  }

  @RegisterExtension
  static final BrokerExtension BROKER =
      BrokerExtension.withListeners(
          () ->
              List.of(
                  listener(Optional.of(true)),
                  listener(Optional.of(false)),
                  listener(Optional.empty())));

  @Test
  void anonymousClientsGetInOnlyWhereTheirListenerAllowsIt() {
    // The global setting is true here (no password file): the second listener still says no.
    try (RawMqttClient open =
        RawMqttClient.connected(BROKER.port(0), MqttBytes.connect(Names.clientId("pl-open")))) {
      open.ping();
    }
    try (RawMqttClient closed = RawMqttClient.open(BROKER.port(1))) {
      closed.send(MqttBytes.connect(Names.clientId("pl-closed")).bytes());
      closed.expect("20 02 00 05"); // not authorized [MQTT-3.2.2-5]
      closed.awaitClosed();
    }
    try (RawMqttClient global =
        RawMqttClient.connected(BROKER.port(2), MqttBytes.connect(Names.clientId("pl-global")))) {
      assertThat(global).isNotNull(); // no listener setting: the global one (true) applies
    }
  }
}
