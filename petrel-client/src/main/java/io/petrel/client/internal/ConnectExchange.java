package io.petrel.client.internal;

import io.petrel.client.ConnectResult;
import io.petrel.client.MqttClientException;
import io.petrel.codec.ConnAck;
import io.petrel.codec.Connect;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ReasonCode;
import java.util.EnumSet;
import java.util.Set;

/**
 * The CONNECT the client sends and what the broker's CONNACK means: accepted with a {@link
 * ConnectResult}, refused for now, or refused for good. Remembers whether a session was ever
 * opened, because reconnects resume it.
 */
final class ConnectExchange {
  /** The largest packet MQTT can express: the default needs no Maximum Packet Size property. */
  private static final int MQTT_MAX_PACKET_SIZE = 268_435_460;

  /** Refusals that another attempt with the same settings cannot overcome. */
  private static final Set<ReasonCode> FINAL_REFUSALS =
      EnumSet.of(
          ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
          ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
          ReasonCode.BAD_USER_NAME_OR_PASSWORD,
          ReasonCode.NOT_AUTHORIZED,
          ReasonCode.BANNED,
          ReasonCode.BAD_AUTHENTICATION_METHOD);

  private final ClientSettings settings;
  private boolean sessionEverOpened;

  ConnectExchange(ClientSettings settings) {
    this.settings = settings;
  }

  /** The CONNECT for the next connection. */
  Connect connect() {
    boolean mqtt5 = settings.version().isMqtt5();
    // Reconnects resume the session; an MQTT 3.1.1 clean session cannot be resumed.
    boolean clean = sessionEverOpened ? !mqtt5 && settings.cleanStart() : settings.cleanStart();
    MqttProperties.Builder props = MqttProperties.builder();
    if (mqtt5) {
      if (settings.sessionExpirySeconds() > 0) {
        props.integer(PropertyId.SESSION_EXPIRY_INTERVAL, settings.sessionExpirySeconds());
      }
      if (settings.maxPacketSize() < MQTT_MAX_PACKET_SIZE) {
        props.integer(PropertyId.MAXIMUM_PACKET_SIZE, settings.maxPacketSize());
      }
    }
    return new Connect(
        settings.version(),
        settings.clientId(),
        clean,
        settings.keepAliveSeconds(),
        settings.username(),
        settings.password(),
        settings.will(),
        props.build());
  }

  /** The exception a refusing CONNACK fails the connect with. */
  MqttClientException refusal(ConnAck ack) {
    return new MqttClientException(
        "the broker at " + settings.address() + " refused the connection",
        ack.reasonCode(),
        ConnectionErrors.reasonString(ack.properties()));
  }

  /** Whether retrying with the same settings is pointless. */
  static boolean isFinal(ConnAck refusal) {
    return FINAL_REFUSALS.contains(refusal.reasonCode());
  }

  /** The broker accepted the connection: later CONNECTs resume the session. */
  ConnectResult accepted(ConnAck ack) {
    sessionEverOpened = true;
    MqttProperties p = ack.properties();
    return new ConnectResult(
        ack.sessionPresent(), ack.reasonCode(), p.string(PropertyId.ASSIGNED_CLIENT_IDENTIFIER), p);
  }
}
