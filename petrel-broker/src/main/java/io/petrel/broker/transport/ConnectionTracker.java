package io.petrel.broker.transport;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/** Every open client connection, so that shutdown can close them all. */
final class ConnectionTracker {
  private final ChannelGroup channels =
      new DefaultChannelGroup("petrel-clients", GlobalEventExecutor.INSTANCE);

  void add(Channel channel) {
    channels.add(channel); // removed automatically when it closes
  }

  int size() {
    return channels.size();
  }

  void closeAll() {
    channels.close().awaitUninterruptibly();
  }
}
