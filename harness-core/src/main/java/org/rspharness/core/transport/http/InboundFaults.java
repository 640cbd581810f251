package org.rspharness.core.transport.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;

/**
 * Applies the faults of the receiving side to a decoded HTTP message, between the HTTP codec and
 * the aggregator: REQUEST_* on the server, RESPONSE_* on the client. Pauses hold the decoded parts
 * back (scheduled on the event loop, never slept); nothing reaches the application meanwhile.
 *
 * <ul>
 *   <li>START: latency/stall hold the head back; reset instead of reading it.
 *   <li>BODY: latency holds the first body byte; stall pauses after half the body; bandwidth lets
 *       the body through in 1/20 s slices; close-after n reads exactly n body bytes then closes;
 *       reset instead of the body.
 *   <li>END: latency/stall hold back the end of the message; reset right after the whole message
 *       was read (it is still handed on: a server still handles the request, but its answer is
 *       lost; a client still gets the response, on a dead connection).
 * </ul>
 */
final class InboundFaults extends ChannelInboundHandlerAdapter {

  static final String NAME = "fault-inbound";

  private final boolean server;
  private final Function<HttpMessage, FaultPlan.Exchange> exchangeFor;
  private final Consumer<NetFaults.InjectedFault> onAbort;

  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private boolean paused;
  private boolean dropping;
  private boolean inactivePending;

  // the message being received
  private FaultPlan.Exchange exchange;
  private boolean startAsked;
  private boolean bodyAsked;
  private boolean endAsked;
  private int status;
  private long contentLength;
  private long offset;
  private long rate;
  private int slice;
  private long limit;
  private long stallAt;
  private long stallNanos;
  private boolean stalled;
  private long bodyStart;
  private ByteArrayOutputStream received;

  InboundFaults(
      boolean server,
      Function<HttpMessage, FaultPlan.Exchange> exchangeFor,
      Consumer<NetFaults.InjectedFault> onAbort) {
    this.server = server;
    this.exchangeFor = exchangeFor;
    this.onAbort = onAbort;
  }

  private FaultPoint start() {
    return server ? FaultPoint.REQUEST_START : FaultPoint.RESPONSE_START;
  }

  private FaultPoint bodyPoint() {
    return server ? FaultPoint.REQUEST_BODY : FaultPoint.RESPONSE_BODY;
  }

  private FaultPoint end() {
    return server ? FaultPoint.REQUEST_END : FaultPoint.RESPONSE_END;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (dropping) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (paused || !queue.isEmpty()) {
      queue.add(msg);
      return;
    }
    process(ctx, msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (paused || !queue.isEmpty()) {
      inactivePending = true;
      return;
    }
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    Object m;
    while ((m = queue.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
  }

  private void hold(ChannelHandlerContext ctx, Object msg, long nanos) {
    queue.addFirst(msg);
    paused = true;
    NetFaults.later(ctx.channel(), nanos, () -> resume(ctx));
  }

  private void resume(ChannelHandlerContext ctx) {
    paused = false;
    Object m;
    while (!paused && (m = queue.poll()) != null) {
      if (dropping) {
        ReferenceCountUtil.release(m);
      } else {
        process(ctx, m);
      }
    }
    if (!paused) {
      ctx.fireChannelReadComplete();
      if (inactivePending) {
        inactivePending = false;
        ctx.fireChannelInactive();
      }
    }
  }

  private void process(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpMessage m) {
      if (!startAsked) {
        beginMessage(m);
        if (exchange == null) {
          ctx.fireChannelRead(m); // no exchange to ask (not sent through the faults)
          return;
        }
        List<Fault> faults = exchange.at(start());
        if (NetFaults.has(faults, Fault.Reset.class)) {
          ReferenceCountUtil.release(m);
          reset(ctx, start());
          return;
        }
        long pause = NetFaults.pauseNanos(faults);
        if (pause > 0) {
          hold(ctx, m, pause);
          return;
        }
      }
      ctx.fireChannelRead(m);
      if (msg instanceof HttpContent c) {
        // not produced by the codec, but a full message needs no more from us
        endMessage();
      }
      return;
    }
    if (!(msg instanceof HttpContent c) || exchange == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (!bodyAsked) {
      bodyAsked = true;
      List<Fault> faults = exchange.at(bodyPoint());
      if (NetFaults.has(faults, Fault.Reset.class)) {
        c.release();
        reset(ctx, bodyPoint());
        return;
      }
      rate = NetFaults.bytesPerSecond(faults);
      slice = (int) Math.max(1, Math.min(16 * 1024, rate / NetFaults.SLICES_PER_SECOND));
      limit = NetFaults.closeAfter(faults);
      if (limit >= 0) {
        received = new ByteArrayOutputStream();
      }
      long latency = NetFaults.latencyNanos(faults);
      stallNanos = NetFaults.stallNanos(faults);
      if (stallNanos > 0) {
        if (contentLength < 2) {
          latency += stallNanos; // no middle to stall in
        } else {
          stallAt = contentLength / 2;
        }
      }
      bodyStart = ctx.executor().ticker().nanoTime() + latency;
      if (latency > 0) {
        hold(ctx, c, latency);
        return;
      }
    }
    ByteBuf b = c.content();
    while (b.isReadable()) {
      if (limit >= 0 && offset >= limit) {
        c.release();
        closeAfter(ctx);
        return;
      }
      if (stallAt >= 0 && !stalled && offset >= stallAt) {
        stalled = true;
        hold(ctx, c, stallNanos);
        return;
      }
      int n = b.readableBytes();
      if (limit >= 0) {
        n = (int) Math.min(n, limit - offset);
      }
      if (stallAt >= 0 && !stalled) {
        n = (int) Math.min(n, stallAt - offset);
      }
      if (rate > 0) {
        n = Math.min(n, slice);
        long wait =
            bodyStart + (offset + n) * 1_000_000_000L / rate - ctx.executor().ticker().nanoTime();
        if (wait > 0) {
          hold(ctx, c, wait);
          return;
        }
      }
      ByteBuf part = b.readRetainedSlice(n);
      if (received != null) {
        received.writeBytes(ByteBufUtil.getBytes(part));
      }
      offset += n;
      ctx.fireChannelRead(new DefaultHttpContent(part));
    }
    if (!(c instanceof LastHttpContent)) {
      c.release();
      return;
    }
    if (!endAsked) {
      endAsked = true;
      List<Fault> faults = exchange.at(end());
      long pause = NetFaults.pauseNanos(faults);
      if (NetFaults.has(faults, Fault.Reset.class)) {
        // Reset first: what the application writes next is lost, as after a real reset.
        NetFaults.reset(ctx.channel());
      } else if (pause > 0) {
        hold(ctx, c, pause);
        return;
      }
    }
    endMessage();
    ctx.fireChannelRead(c); // the (now empty) last part, with its trailers and decoder result
  }

  private void beginMessage(HttpMessage m) {
    exchange = exchangeFor.apply(m);
    startAsked = true;
    bodyAsked = false;
    endAsked = false;
    status = m instanceof HttpResponse r ? r.status().code() : 0;
    contentLength = HttpUtil.getContentLength(m, -1L);
    offset = 0;
    rate = 0;
    limit = -1;
    stallAt = -1;
    stallNanos = 0;
    stalled = false;
    received = null;
  }

  private void endMessage() {
    startAsked = false;
    exchange = null;
  }

  private void closeAfter(ChannelHandlerContext ctx) {
    drop();
    onAbort.accept(
        new NetFaults.InjectedFault(
            RspHttpException.Kind.TRUNCATED_RESPONSE,
            "connection closed after "
                + offset
                + (contentLength >= 0 ? " of " + contentLength : "")
                + " body bytes received ("
                + NetFaults.at(new Fault.CloseAfter((int) limit), bodyPoint())
                + ")",
            status,
            received == null ? null : received.toByteArray()));
    ctx.channel().close();
  }

  private void reset(ChannelHandlerContext ctx, FaultPoint point) {
    drop();
    onAbort.accept(
        new NetFaults.InjectedFault(
            RspHttpException.Kind.CONNECTION_RESET,
            "connection reset (" + NetFaults.at(new Fault.Reset(), point) + ")"));
    NetFaults.reset(ctx.channel());
  }

  private void drop() {
    dropping = true;
    Object m;
    while ((m = queue.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
  }
}
