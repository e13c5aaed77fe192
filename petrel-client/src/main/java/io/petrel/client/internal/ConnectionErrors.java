package io.petrel.client.internal;

import io.petrel.client.MqttClientException;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import java.util.Objects;

/**
 * The exceptions that tell the application why a connection ended or a request cannot be served.
 */
final class ConnectionErrors {
  private ConnectionErrors() {}

  static MqttClientException closed() {
    return new MqttClientException("the client is closed", (Throwable) null);
  }

  /** The channel closed without an MQTT reason: by the network, TLS, or the broker's socket. */
  static MqttClientException lost(String address, Throwable cause) {
    if (cause == null) {
      return new MqttClientException(
          "the connection to " + address + " was closed", (Throwable) null);
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new MqttClientException(
        "the connection to "
            + address
            + " failed: "
            + Objects.toString(root.getMessage(), root.toString()),
        cause);
  }

  /** The Reason String property, or null: {@link MqttClientException} takes it as it comes. */
  static String reasonString(MqttProperties properties) {
    return properties.string(PropertyId.REASON_STRING).orElse(null);
  }
}
