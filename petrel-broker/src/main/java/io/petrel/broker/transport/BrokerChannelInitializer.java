package io.petrel.broker.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.petrel.broker.connection.BrokerContext;
import io.petrel.broker.connection.MqttConnectionHandler;
import io.petrel.codec.MqttFrameDecoder;
import io.petrel.codec.MqttPacketEncoder;

/** The pipeline of a plain MQTT connection: decoder, encoder and the connection handler. */
final class BrokerChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final BrokerContext broker;
  private final ConnectionTracker tracker;

  BrokerChannelInitializer(BrokerContext broker, ConnectionTracker tracker) {
    this.broker = broker;
    this.tracker = tracker;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    tracker.add(ch);
    ch.pipeline()
        .addLast(
            "decoder",
            new MqttFrameDecoder(
                broker.config().maxPacketSize(), true, broker.config().wildcardSyntax()))
        .addLast("encoder", new MqttPacketEncoder())
        .addLast("mqtt", new MqttConnectionHandler(broker));
  }
}
