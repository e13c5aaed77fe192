package io.petrel.broker.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The broker's Netty event loops: epoll where the native transport loads (Linux), NIO elsewhere.
 * One boss thread accepts; the workers ({@code io_threads}) run connections and sessions.
 */
public final class EventLoops implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Class<? extends ServerSocketChannel> serverChannelClass;
  private final String transportName;

  public EventLoops(int workerThreads) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.boss =
        new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("petrel-accept"), factory);
    this.workers =
        new MultiThreadIoEventLoopGroup(
            workerThreads, new DefaultThreadFactory("petrel-io"), factory);
    this.serverChannelClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    this.transportName = epoll ? "epoll" : "nio";
  }

  public EventLoopGroup boss() {
    return boss;
  }

  public EventLoopGroup workers() {
    return workers;
  }

  public Class<? extends ServerSocketChannel> serverChannelClass() {
    return serverChannelClass;
  }

  public String transportName() {
    return transportName;
  }

  @Override
  public void close() {
    // A short quiet period: the broker has already closed its channels when this runs.
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
