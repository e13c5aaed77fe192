package io.petrel.broker.connection;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import java.util.List;

/**
 * Reason strings on acknowledgements for MQTT 5 clients, left out when the client asked for no
 * problem information [MQTT-3.1.2-29] and for MQTT 3, which has no properties.
 */
final class ProblemInformation {
  private ProblemInformation() {}

  /** The properties of an acknowledgement that explains its failure codes, or none. */
  static MqttProperties reasonString(ClientConnection connection, List<String> problems) {
    if (problems.isEmpty()
        || !connection.version().isMqtt5()
        || !connection.limits().requestProblemInformation()) {
      return MqttProperties.EMPTY;
    }
    return MqttProperties.builder()
        .string(PropertyId.REASON_STRING, String.join("; ", problems))
        .build();
  }
}
