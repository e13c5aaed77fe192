package io.petrel.broker.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * Sets up each accepted connection of a listener: tracked for shutdown, then the pipeline that
 * detects its protocol (see {@link ListenerPipeline}).
 */
final class BrokerChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final ListenerPipeline listener;
  private final ConnectionTracker tracker;

  BrokerChannelInitializer(ListenerPipeline listener, ConnectionTracker tracker) {
    this.listener = listener;
    this.tracker = tracker;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    tracker.add(ch);
    listener.initChannel(ch);
  }
}
