package org.rspharness.core.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.net.ClientTransport;
import org.rspharness.core.transport.http.RspHttpClient;

/** The {@link ClientTransport} on Netty: one NIO event loop group shared by its clients. */
public final class NettyClientTransport implements ClientTransport {

  private final EventLoopGroup group;

  private NettyClientTransport(EventLoopGroup group) {
    this.group = group;
  }

  /** A transport with {@code threads} I/O threads. */
  public static NettyClientTransport create(int threads) {
    return new NettyClientTransport(
        new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()));
  }

  /**
   * A transport with {@code threads} daemon I/O threads named {@code threadName-N-M}, so that a
   * benchmark can tell the clients' CPU from a server's in the same process.
   */
  public static NettyClientTransport create(int threads, String threadName) {
    return new NettyClientTransport(
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory(threadName, true), NioIoHandler.newFactory()));
  }

  @Override
  public RspHttpClient httpClient(RspHttpClient.Config config, EventLog events) {
    return new RspHttpClient(config, events, group);
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
