package io.petrel.broker.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.petrel.broker.observe.PacketTrace;
import io.petrel.broker.session.SessionConnection;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import io.petrel.codec.ReasonCode;

/**
 * An accepted connection: the channel with the client id and protocol version it connected with.
 */
final class ClientConnection implements SessionConnection {
  private final Channel channel;
  private final String clientId;
  private final ProtocolVersion version;
  private final ClientLimits limits;
  private final OutboundTopicAliases aliases;

  ClientConnection(Channel channel, String clientId, ProtocolVersion version, ClientLimits limits) {
    this.channel = channel;
    this.clientId = clientId;
    this.version = version;
    this.limits = limits;
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
}
