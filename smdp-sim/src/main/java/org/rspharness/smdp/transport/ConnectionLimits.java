package org.rspharness.smdp.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;

/**
 * Limits that keep slow or idle clients from holding an SM-DP+ port: a whole-request deadline (from
 * connect, or from the first byte of a later request, to the start of the answer: a client sending
 * one byte every 20 s is cut off), a cap on open connections per client address, and the idle
 * timeout between requests. Each refusal is an event.
 *
 * @param requestDeadline time to receive a request (TLS handshake included on a new connection)
 * @param maxConnectionsPerClient open connections one client address may hold
 * @param idleTimeout a keep-alive connection silent this long is closed
 */
public record ConnectionLimits(
    Duration requestDeadline, int maxConnectionsPerClient, Duration idleTimeout) {

  public ConnectionLimits {
    if (requestDeadline.isNegative() || requestDeadline.isZero()) {
      throw new IllegalArgumentException("request deadline: must be positive");
    }
    if (maxConnectionsPerClient < 1) {
      throw new IllegalArgumentException("connections per client: at least 1");
    }
    if (idleTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("idle timeout: at least 1 second");
    }
  }

  /** 30 s per request, 256 connections per client, 60 s idle. */
  public static ConnectionLimits defaults() {
    return new ConnectionLimits(Duration.ofSeconds(30), 256, Duration.ofSeconds(60));
  }

  /** The pipeline hook installing the limits, counting connections per client across the port. */
  Consumer<ChannelPipeline> hook(EventLog events, String source) {
    ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    return p -> p.addLast("limits", new Guard(this, open, events, source));
  }

  private static final class Guard extends ChannelDuplexHandler {
    private final ConnectionLimits limits;
    private final ConcurrentHashMap<String, AtomicInteger> open;
    private final EventLog events;
    private final String source;
    private String client;
    private boolean counted;
    private ScheduledFuture<?> deadline;
    private long received;

    Guard(
        ConnectionLimits limits,
        ConcurrentHashMap<String, AtomicInteger> open,
        EventLog events,
        String source) {
      this.limits = limits;
      this.open = open;
      this.events = events;
      this.source = source;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      if (ctx.channel().isActive()) {
        start(ctx);
      }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      start(ctx);
      super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
      if (client != null) {
        return;
      }
      client =
          ctx.channel().remoteAddress() instanceof InetSocketAddress a
              ? a.getAddress().getHostAddress()
              : String.valueOf(ctx.channel().remoteAddress());
      int n = open.computeIfAbsent(client, k -> new AtomicInteger()).incrementAndGet();
      counted = true;
      if (n > limits.maxConnectionsPerClient()) {
        events.emit(
            source,
            new EventPayload.Note(
                "refused connection: client "
                    + client
                    + " already holds "
                    + (n - 1)
                    + " connection(s), limit "
                    + limits.maxConnectionsPerClient()));
        ctx.close();
        return;
      }
      arm(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
      if (deadline != null) {
        return;
      }
      received = 0;
      long ms = limits.requestDeadline().toMillis();
      deadline =
          ctx.executor()
              .schedule(
                  () -> {
                    events.emit(
                        source,
                        new EventPayload.Note(
                            "refused request: "
                                + ctx.channel().remoteAddress()
                                + " sent no complete request within the "
                                + ms
                                + " ms deadline ("
                                + received
                                + " byte(s) received)"));
                    ctx.close();
                  },
                  ms,
                  TimeUnit.MILLISECONDS);
    }

    private void disarm() {
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      arm(ctx);
      if (msg instanceof ByteBuf b) {
        received += b.readableBytes();
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      disarm(); // the answer is leaving: the request was received in time
      super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      disarm();
      if (counted) {
        counted = false;
        AtomicInteger c = open.get(client);
        if (c != null && c.decrementAndGet() <= 0) {
          open.remove(client, c);
        }
      }
      super.channelInactive(ctx);
    }
  }
}
