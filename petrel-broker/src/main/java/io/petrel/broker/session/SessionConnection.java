package io.petrel.broker.session;

import io.petrel.codec.MqttPacket;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.ReasonCode;
import java.util.Optional;

/** The network connection a session is attached to, as the session sees it. */
public interface SessionConnection {

  ProtocolVersion version();

  /** The user the client connected as, for authorization; empty for an anonymous client. */
  default Optional<String> username() {
    return Optional.empty();
  }

  /**
   * How many QoS 1 and 2 PUBLISH packets the client accepts unacknowledged: the client's Receive
   * Maximum [MQTT-3.3.4-7]; 65535 for MQTT 3.
   */
  default int receiveMaximum() {
    return 65535;
  }

  /** The largest packet MQTT can express: a client that sets no Maximum Packet Size. */
  int NO_PACKET_SIZE_LIMIT = 268_435_455;

  /** The largest packet the client accepts [MQTT-3.1.2-24]. */
  default int maximumPacketSize() {
    return NO_PACKET_SIZE_LIMIT;
  }

  /** Writes a packet; it goes out at the next flush. Callable from the session's thread. */
  void send(MqttPacket packet);

  /**
   * Writes an already encoded packet, shared with other connections: the array must not change.
   * Goes out at the next flush; the caller does any trace logging.
   */
  void sendEncoded(byte[] encoded);

  /** Flushes what was written. */
  void flush();

  /** False while the socket's outbound buffer is over its high-water mark. */
  boolean isWritable();

  /** Closes the connection from the server side with a reason and a log line. */
  void disconnect(ReasonCode reason, String logReason);
}
