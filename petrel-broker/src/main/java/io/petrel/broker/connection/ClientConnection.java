package io.petrel.broker.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.petrel.broker.observe.PacketTrace;
import io.petrel.broker.routing.PublisherFlow;
import io.petrel.broker.session.SessionConnection;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import io.petrel.codec.ReasonCode;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An accepted connection: the channel with the client id, protocol version and user it connected
 * with.
 */
final class ClientConnection implements SessionConnection, PublisherFlow {
  // How long a subscriber that has fallen behind may stop this connection's reads at most.
  private static final long MAX_HOLD_MILLIS = 100;

  private final Channel channel;
  private final String clientId;
  private final ProtocolVersion version;
  private final ClientLimits limits;
  private final Optional<String> username;
  private final OutboundTopicAliases aliases;
  // Counts the holds (pause), on the connection's event loop only.
  private int holds;

  ClientConnection(
      Channel channel,
      String clientId,
      ProtocolVersion version,
      ClientLimits limits,
      Optional<String> username) {
    this.channel = channel;
    this.clientId = clientId;
    this.version = version;
    this.limits = limits;
    this.username = username;
    // A new connection starts without aliases [MQTT-3.3.2-7]; none if the client allows none.
    this.aliases =
        limits.topicAliasMaximum() > 0
            ? new OutboundTopicAliases(limits.topicAliasMaximum())
            : null;
  }

  ClientLimits limits() {
    return limits;
  }

  @Override
  public int receiveMaximum() {
    return limits.receiveMaximum();
  }

  @Override
  public int maximumPacketSize() {
    return limits.maximumPacketSize();
  }

  String clientId() {
    return clientId;
  }

  /**
   * The user this connection acts as, for authorization: the name SCRAM enhanced authentication
   * proved, the name in the client's certificate ({@code use_identity_as_username}), the CONNECT's
   * user name verified against {@code password_file}, or, when there is no password file and
   * anonymous access is allowed, the CONNECT's user name unverified (as Mosquitto uses it for its
   * ACLs). Empty for anonymous clients.
   */
  @Override
  public Optional<String> username() {
    return username;
  }

  Channel channel() {
    return channel;
  }

  @Override
  public ProtocolVersion version() {
    return version;
  }

  @Override
  public void send(MqttPacket packet) {
    if (aliases != null && packet instanceof Publish p) {
      packet = aliases.apply(p);
    }
    PacketTrace.outbound(clientId, packet);
    channel.write(packet, channel.voidPromise());
  }

  @Override
  public void sendEncoded(byte[] encoded) {
    // A heap wrapper per connection around the shared bytes: no copy here, and nothing to
    // release later since the array belongs to the garbage-collected message.
    channel.write(Unpooled.wrappedBuffer(encoded), channel.voidPromise());
  }

  @Override
  public void flush() {
    channel.flush();
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public void disconnect(ReasonCode reason, String logReason) {
    Disconnector.disconnect(channel, clientId, version, true, reason, logReason);
  }

  @Override
  public void pause() {
    ChannelConfig config = channel.config();
    if (config.isAutoRead()) {
      config.setAutoRead(false);
      // The limit is for this hold only: a timer left from an earlier hold, which the subscriber
      // ended, must not end this one early. Those stray resumptions kept feeding the subscriber's
      // queue, so it seldom got down to where it lets everyone go, and most holds ran the full
      // 100 ms (fan-in QoS 1 p99 65 ms instead of 21).
      int hold = ++holds;
      channel
          .eventLoop()
          .schedule(
              () -> {
                if (holds == hold) {
                  resume();
                }
              },
              MAX_HOLD_MILLIS,
              TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void resume() {
    channel.config().setAutoRead(true);
  }
}
