package io.petrel.broker.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.petrel.broker.connection.BrokerContext;
import io.petrel.broker.connection.MqttConnectionHandler;
import io.petrel.codec.MqttFrameDecoder;
import io.petrel.codec.MqttPacketEncoder;
import java.util.concurrent.TimeUnit;

/** The pipeline of a plain MQTT connection: decoder, encoder and the connection handler. */
final class BrokerChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** A client must send CONNECT within this time of opening the connection. */
  static final int CONNECT_TIMEOUT_SECONDS = 10;

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
            MqttConnectionHandler.CONNECT_TIMEOUT_HANDLER,
            new IdleStateHandler(CONNECT_TIMEOUT_SECONDS, 0, 0, TimeUnit.SECONDS))
        .addLast(
            "decoder",
            new MqttFrameDecoder(
                broker.config().maxPacketSize(), true, broker.config().wildcardSyntax()))
        .addLast("encoder", new MqttPacketEncoder())
        .addLast("mqtt", new MqttConnectionHandler(broker));
  }
}
