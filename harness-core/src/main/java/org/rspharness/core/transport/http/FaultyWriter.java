package org.rspharness.core.transport.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.function.Consumer;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;

/**
 * Sends one HTTP message (head, body, end) through the faults of its exchange, on the channel's
 * event loop: pauses are scheduled, never slept. The sending side's points are REQUEST_* on the
 * client and RESPONSE_* on the server.
 *
 * <ul>
 *   <li>START: latency/stall delay the head; reset instead of the head.
 *   <li>BODY: latency delays the first body byte; stall pauses after half the body; bandwidth paces
 *       the body in 1/20 s slices; close-after n writes exactly n body bytes then closes (FIN);
 *       reset instead of the body.
 *   <li>END: latency/stall hold back the last body byte; reset right after the last byte.
 * </ul>
 */
final class FaultyWriter {

  private final Channel channel;
  private final HttpMessage head;
  private final byte[] body;
  private final FaultPlan.Exchange exchange;
  private final FaultPoint start;
  private final FaultPoint bodyPoint;
  private final FaultPoint end;
  private final Consumer<NetFaults.InjectedFault> onAbort;
  private final Runnable onSent;

  private int offset;
  private long rate;
  private int slice;
  private long limit = -1;
  private long stallAt = -1;
  private long stallNanos;
  private boolean stalled;
  private boolean endAsked;
  private boolean resetAtEnd;
  private long bodyStart;

  private FaultyWriter(
      Channel channel,
      HttpMessage head,
      byte[] body,
      FaultPlan.Exchange exchange,
      boolean request,
      Consumer<NetFaults.InjectedFault> onAbort,
      Runnable onSent) {
    this.channel = channel;
    this.head = head;
    this.body = body;
    this.exchange = exchange;
    this.start = request ? FaultPoint.REQUEST_START : FaultPoint.RESPONSE_START;
    this.bodyPoint = request ? FaultPoint.REQUEST_BODY : FaultPoint.RESPONSE_BODY;
    this.end = request ? FaultPoint.REQUEST_END : FaultPoint.RESPONSE_END;
    this.onAbort = onAbort;
    this.onSent = onSent;
  }

  /**
   * Sends {@code head} (its Content-Length set) and {@code body}. {@code onAbort} hears of a fault
   * that ended the exchange; {@code onSent} runs once the whole message is written.
   */
  static void send(
      Channel channel,
      HttpMessage head,
      byte[] body,
      FaultPlan.Exchange exchange,
      boolean request,
      Consumer<NetFaults.InjectedFault> onAbort,
      Runnable onSent) {
    FaultyWriter w = new FaultyWriter(channel, head, body, exchange, request, onAbort, onSent);
    if (channel.eventLoop().inEventLoop()) {
      w.begin();
    } else {
      channel.eventLoop().execute(w::begin);
    }
  }

  private void begin() {
    if (!channel.isActive()) {
      return; // reset or closed while the request was read (e.g. a reset at request-end)
    }
    List<Fault> faults = exchange.at(start);
    if (NetFaults.has(faults, Fault.Reset.class)) {
      reset(start);
      return;
    }
    NetFaults.later(channel, NetFaults.pauseNanos(faults), this::writeHead);
  }

  private void writeHead() {
    if (!channel.isActive()) {
      return; // the peer (or a timeout) ended it meanwhile; the reader reports that
    }
    channel.writeAndFlush(head);
    List<Fault> faults = exchange.at(bodyPoint);
    if (NetFaults.has(faults, Fault.Reset.class)) {
      reset(bodyPoint);
      return;
    }
    rate = NetFaults.bytesPerSecond(faults);
    slice = (int) Math.max(1, Math.min(16 * 1024, rate / NetFaults.SLICES_PER_SECOND));
    limit = NetFaults.closeAfter(faults);
    long latency = NetFaults.latencyNanos(faults);
    stallNanos = NetFaults.stallNanos(faults);
    if (stallNanos > 0) {
      if (body.length == 0) {
        latency += stallNanos; // nothing to stall in the middle of
      } else {
        stallAt = body.length / 2;
      }
    }
    NetFaults.later(
        channel,
        latency,
        () -> {
          bodyStart = channel.eventLoop().ticker().nanoTime();
          pump();
        });
  }

  private void pump() {
    if (!channel.isActive()) {
      return;
    }
    while (offset < body.length) {
      if (limit >= 0 && offset >= limit) {
        closeAfter();
        return;
      }
      if (stallAt >= 0 && !stalled && offset >= stallAt) {
        stalled = true;
        channel.flush();
        NetFaults.later(channel, stallNanos, this::pump);
        return;
      }
      if (!endAsked && offset == body.length - 1) {
        endAsked = true;
        if (askEnd()) {
          return;
        }
      }
      int n = body.length - offset;
      if (limit >= 0) {
        n = (int) Math.min(n, limit - offset);
      }
      if (stallAt >= 0 && !stalled) {
        n = (int) Math.min(n, stallAt - offset);
      }
      if (!endAsked) {
        n = Math.min(n, body.length - 1 - offset);
      }
      if (rate > 0) {
        n = Math.min(n, slice);
        long due = bodyStart + (offset + n) * 1_000_000_000L / rate;
        long wait = due - channel.eventLoop().ticker().nanoTime();
        if (wait > 0) {
          channel.flush();
          NetFaults.later(channel, wait, this::pump);
          return;
        }
      }
      channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(body, offset, n)));
      offset += n;
    }
    if (limit >= 0 && offset >= limit && limit < body.length) {
      closeAfter();
      return;
    }
    if (!endAsked) {
      endAsked = true;
      if (askEnd()) {
        return;
      }
    }
    finish();
  }

  /** Asks the END faults before the last byte; true when the pump was rescheduled or ended. */
  private boolean askEnd() {
    List<Fault> faults = exchange.at(end);
    resetAtEnd = NetFaults.has(faults, Fault.Reset.class);
    long pause = NetFaults.pauseNanos(faults);
    if (pause > 0) {
      channel.flush();
      NetFaults.later(channel, pause, offset < body.length ? this::pump : this::finish);
      return true;
    }
    return false;
  }

  private void finish() {
    if (!channel.isActive()) {
      return;
    }
    ChannelFuture written = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    if (resetAtEnd) {
      written.addListener(f -> reset(end));
      return;
    }
    if (onSent != null) {
      written.addListener(f -> onSent.run());
    }
  }

  private void closeAfter() {
    long n = offset;
    channel
        .writeAndFlush(new DefaultHttpContent(Unpooled.EMPTY_BUFFER))
        .addListener(
            f -> {
              onAbort.accept(
                  new NetFaults.InjectedFault(
                      RspHttpException.Kind.CONNECTION_CLOSED,
                      "connection closed after "
                          + n
                          + " of "
                          + body.length
                          + " body bytes sent ("
                          + NetFaults.at(new Fault.CloseAfter((int) limit), bodyPoint)
                          + ")"));
              channel.close();
            });
  }

  private void reset(FaultPoint point) {
    onAbort.accept(
        new NetFaults.InjectedFault(
            RspHttpException.Kind.CONNECTION_RESET,
            "connection reset (" + NetFaults.at(new Fault.Reset(), point) + ")"));
    NetFaults.reset(channel);
  }
}
