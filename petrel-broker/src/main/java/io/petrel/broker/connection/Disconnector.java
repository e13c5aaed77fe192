package io.petrel.broker.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.petrel.codec.ConnAck;
import io.petrel.codec.Disconnect;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.ReasonCode;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that closes connections from the server side. Each close gets one log line naming
 * the address, the client and the reason; MQTT 5 clients are told the reason code first (in CONNACK
 * before the connection is accepted, in DISCONNECT after [MQTT-4.13.2-1]).
 */
public final class Disconnector {
  private static final Logger LOG = LoggerFactory.getLogger(Disconnector.class);

  private Disconnector() {}

  /**
   * Closes a connection with a reason.
   *
   * @param version the client's protocol version, or null before a CONNECT was decoded
   * @param connAckSent whether the connection was accepted (DISCONNECT rather than CONNACK)
   */
  public static void disconnect(
      Channel channel,
      String clientId,
      ProtocolVersion version,
      boolean connAckSent,
      ReasonCode reason,
      String logReason) {
    if (reason == ReasonCode.PACKET_TOO_LARGE) {
      // The wording of IBM's diagnostic log (seed 002), so operators can search for it.
      LOG.warn(
          "Closed connection from {}. The message size is too large for this endpoint."
              + " (client {}: {})",
          address(channel.remoteAddress()),
          clientId,
          logReason);
    } else {
      LOG.info(
          "Closed connection from {} (client {}): {} ({})",
          address(channel.remoteAddress()),
          clientId,
          logReason,
          reason);
    }
    if (!channel.isActive()) {
      return;
    }
    if (version == ProtocolVersion.MQTT_5) {
      MqttProperties props =
          MqttProperties.builder().string(PropertyId.REASON_STRING, logReason).build();
      Object packet =
          connAckSent ? new Disconnect(reason, props) : new ConnAck(false, reason, props);
      channel.writeAndFlush(packet).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }

  /** Refuses a CONNECT with a CONNACK return code, for every version, then closes. */
  public static void refuse(
      Channel channel, String clientId, ProtocolVersion version, ReasonCode reason, String why) {
    LOG.info(
        "Refused connection from {} (client {}): {} ({})",
        address(channel.remoteAddress()),
        clientId,
        why,
        reason);
    sendRefusal(channel, version, reason, why);
  }

  /**
   * Refuses a CONNECT whose user name and password did not verify: 0x86, return code 4 in MQTT 3.
   * Neither the client nor the log learns whether the user exists, and the log line names no user
   * (people type passwords into the user name field). Logged only when {@code failedLogins} lets
   * it, with the count of failures from the address that were not logged.
   */
  static void refuseLogin(
      Channel channel, String clientId, ProtocolVersion version, FailedLogins failedLogins) {
    String why = "bad user name or password";
    OptionalLong unlogged = failedLogins.failed(channel.remoteAddress());
    if (unlogged.isPresent()) {
      LOG.info(
          "Refused connection from {} (client {}): {} ({}{})",
          address(channel.remoteAddress()),
          clientId,
          why,
          ReasonCode.BAD_USER_NAME_OR_PASSWORD,
          unlogged.getAsLong() == 0
              ? ""
              : "; " + unlogged.getAsLong() + " more from this address since the last line");
    }
    sendRefusal(channel, version, ReasonCode.BAD_USER_NAME_OR_PASSWORD, why);
  }

  private static void sendRefusal(
      Channel channel, ProtocolVersion version, ReasonCode reason, String why) {
    MqttProperties props =
        version == ProtocolVersion.MQTT_5
            ? MqttProperties.builder().string(PropertyId.REASON_STRING, why).build()
            : MqttProperties.EMPTY;
    channel
        .writeAndFlush(new ConnAck(false, reason, props)) // session present 0 [MQTT-3.2.2-4]
        .addListener(ChannelFutureListener.CLOSE); // [MQTT-3.2.2-5]
  }

  /** The client's IP address (and port), as logs show it. */
  public static String address(SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
