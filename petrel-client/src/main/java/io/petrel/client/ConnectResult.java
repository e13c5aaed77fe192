package io.petrel.client;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.ReasonCode;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful CONNACK.
 *
 * @param sessionPresent whether the broker resumed a session it had for the client id
 * @param reasonCode {@link ReasonCode#SUCCESS} (a refusal fails the future instead)
 * @param assignedClientId the client id the broker assigned, when the client sent an empty one
 *     (MQTT 5)
 * @param properties the CONNACK's MQTT 5 properties; empty for MQTT 3.1.1
 */
public record ConnectResult(
    boolean sessionPresent,
    ReasonCode reasonCode,
    Optional<String> assignedClientId,
    MqttProperties properties) {
  /** Checks that no component is null. */
  public ConnectResult {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(assignedClientId, "assignedClientId");
    Objects.requireNonNull(properties, "properties");
  }
}
