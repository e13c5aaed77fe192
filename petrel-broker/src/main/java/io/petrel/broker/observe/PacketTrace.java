package io.petrel.broker.observe;

import io.petrel.codec.MqttPacket;
import io.petrel.codec.Publish;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packet trace logging (as ActiveMQ Artemis offers, seed 003): with the logger {@code
 * io.petrel.broker.trace} at TRACE, every packet in and out is logged with the client id, the
 * packet type and its fields. Payloads are shown as UTF-8 and cut at 256 characters so a large
 * payload cannot fill the log. When the level is off, the only cost is one level check per packet.
 */
public final class PacketTrace {
  public static final String LOGGER_NAME = "io.petrel.broker.trace";
  static final int PAYLOAD_LIMIT = 256;
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  private PacketTrace() {}

  public static boolean enabled() {
    return LOG.isTraceEnabled();
  }

  public static void inbound(String clientId, MqttPacket packet) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} -> {}", clientId, describe(packet));
    }
  }

  public static void outbound(String clientId, MqttPacket packet) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} <- {}", clientId, describe(packet));
    }
  }

  /** The packet type and fields; for PUBLISH also the payload as text, cut at 256 characters. */
  static String describe(MqttPacket packet) {
    String text = packet.type() + " " + packet;
    if (packet instanceof Publish p) {
      String payload = new String(p.payload().unsafeArray(), StandardCharsets.UTF_8);
      if (payload.length() > PAYLOAD_LIMIT) {
        payload = payload.substring(0, PAYLOAD_LIMIT) + "...";
      }
      text += " payload=\"" + payload + "\"";
    }
    return text;
  }
}
