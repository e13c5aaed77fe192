package io.petrel.client;

import io.petrel.codec.MqttProperties;
import io.petrel.codec.QoS;
import io.petrel.codec.ReasonCode;
import java.util.Objects;

/**
 * How a publish ended: written (QoS 0), acknowledged by PUBACK (QoS 1) or completed by PUBCOMP (QoS
 * 2).
 *
 * @param qos the QoS the message was sent at
 * @param reasonCode the reason of the PUBACK or PUBREC (MQTT 5), for example {@link
 *     ReasonCode#NO_MATCHING_SUBSCRIBERS}; {@link ReasonCode#SUCCESS} for QoS 0 and MQTT 3.1.1
 * @param properties the acknowledgement's MQTT 5 properties (reason string, user properties)
 */
public record PublishResult(QoS qos, ReasonCode reasonCode, MqttProperties properties) {
  /** Checks that no component is null. */
  public PublishResult {
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(properties, "properties");
  }
}
