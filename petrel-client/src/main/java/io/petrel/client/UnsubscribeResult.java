package io.petrel.client;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.ReasonCode;
import java.util.Objects;

/**
 * An UNSUBACK.
 *
 * @param reasonCode {@link ReasonCode#SUCCESS} or {@link ReasonCode#NO_SUBSCRIPTION_EXISTED} (MQTT
 *     5); always SUCCESS for MQTT 3.1.1, whose UNSUBACK has no reason
 * @param properties the UNSUBACK's MQTT 5 properties
 */
public record UnsubscribeResult(ReasonCode reasonCode, MqttProperties properties) {
  /** Checks that no component is null. */
  public UnsubscribeResult {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }
}
