package io.petrel.client;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import java.util.Objects;

/**
 * A SUBACK that granted the subscription (a refusal fails the future instead).
 *
 * @param grantedQos the maximum QoS the broker granted, which may be lower than asked for
 * @param reasonCode the SUBACK's reason code, one of the GRANTED_QOS codes
 * @param properties the SUBACK's MQTT 5 properties
 */
public record SubscribeResult(QoS grantedQos, ReasonCode reasonCode, MqttProperties properties) {
  /** Checks that no component is null. */
  public SubscribeResult {
    Objects.requireNonNull(grantedQos, "grantedQos");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }
}
