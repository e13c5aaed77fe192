package io.petrel.client.internal;

import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PingReq;
import io.petrel.codec.PropertyId;

/**
 * Keep-alive of the current connection: a PINGREQ when nothing was written for a keep-alive
 * interval, and the connection is dead when the next interval passes without any packet from the
 * broker. Lives on the client's event loop.
 */
final class KeepAlive {
  private final ClientSettings settings;
  private boolean pingOutstanding;

  KeepAlive(ClientSettings settings) {
    this.settings = settings;
  }

  /**
   * Starts on an accepted connection; the broker's Server Keep Alive overrides ours
   * [MQTT-3.2.2-21].
   */
  void start(Channel ch, MqttProperties connAck) {
    int seconds =
        (int) connAck.integer(PropertyId.SERVER_KEEP_ALIVE).orElse(settings.keepAliveSeconds());
    if (seconds > 0) {
      ch.pipeline().addBefore("mqtt-client", "keep-alive", new IdleStateHandler(0, seconds, 0));
    }
    pingOutstanding = false;
  }

  /** Any packet from the broker shows the connection is alive. */
  void packetReceived() {
    pingOutstanding = false;
  }

  /**
   * Nothing was written for a keep-alive interval: sends a PINGREQ.
   *
   * @return false when the previous PINGREQ is still unanswered: the connection is dead
   */
  boolean writerIdle(Channel ch) {
    if (pingOutstanding) {
      return false;
    }
    pingOutstanding = true;
    ch.writeAndFlush(PingReq.INSTANCE);
    return true;
  }
}
