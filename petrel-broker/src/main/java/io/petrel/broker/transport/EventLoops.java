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
 * The workers ({@code io_threads}) accept connections and run them and their sessions; one more
 * thread runs housekeeping (retained-message expiry sweeps, certificate file checks), which may
 * take a while and so stays off the loops that serve clients.
 *
 * <p>Accepting on the workers rather than on a thread of its own spares every new connection a
 * hand-off between threads: a connection accepted on a loop that also gets it is registered in
 * place. On 2 cores this cut the broker's CPU per connection by half (bench/RESULTS.md).
 */
public final class EventLoops implements AutoCloseable {
  private final EventLoopGroup housekeeping;
  private final EventLoopGroup workers;
  private final Class<? extends ServerSocketChannel> serverChannelClass;
  private final String transportName;

  public EventLoops(int workerThreads) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.housekeeping =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("petrel-housekeeping"), factory);
    this.workers =
        new MultiThreadIoEventLoopGroup(
            workerThreads, new DefaultThreadFactory("petrel-io"), factory);
    this.serverChannelClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    this.transportName = epoll ? "epoll" : "nio";
  }

  /** For periodic chores that must not hold up clients. */
  public EventLoopGroup housekeeping() {
    return housekeeping;
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
    housekeeping.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
