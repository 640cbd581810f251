package org.rspharness.core.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.random.RandomSource;

/**
 * The timed network faults (latency, bandwidth, stall) of a sent message ({@link FaultyWriter}) and
 * of a received one ({@link InboundFaults}) on an {@link EmbeddedChannel} whose clock only the test
 * moves: what has passed before and after each fault's time has come, with no wall-clock
 * measurement.
 */
class TimedNetworkFaultsTest {

  private static final String FUNCTION = "getBoundProfilePackage";

  private final EmbeddedChannel channel = new EmbeddedChannel();

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  /** A server-side plan of one rule: {@code fault} at {@code point} of the function. */
  private static FaultPlan plan(FaultPoint point, Fault fault) {
    return new FaultPlan(
        List.of(new FaultRule(Layer.NETWORK_SERVER, FUNCTION, 0, point, -1, fault)),
        null,
        RandomSource.seeded(1),
        EventLog.disabled());
  }

  /** Sends a response of {@code bodyBytes} through {@code fault} at {@code point}, time frozen. */
  private void send(FaultPoint point, Fault fault, int bodyBytes) {
    channel.freezeTime();
    FaultPlan plan = plan(point, fault);
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    FaultyWriter.send(
        channel,
        head,
        new byte[bodyBytes],
        plan.begin(Layer.NETWORK_SERVER, FUNCTION),
        false,
        injected -> {},
        () -> {});
    channel.runPendingTasks();
  }

  /** Moves the channel's clock and runs what became due. */
  private void advance(long millis) {
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
  }

  /** Body bytes written so far (head not counted); whether the last content was written. */
  private record Written(int bodyBytes, boolean ended) {}

  private Written drain() {
    int bytes = 0;
    boolean ended = false;
    Object o;
    while ((o = channel.readOutbound()) != null) {
      if (o instanceof HttpContent c) {
        ByteBuf b = c.content();
        bytes += b.readableBytes();
        ended |= c instanceof LastHttpContent;
      }
      io.netty.util.ReferenceCountUtil.release(o);
    }
    return new Written(bytes, ended);
  }

  @Test
  void latencyAtTheBodyHoldsEveryBodyByteUntilItsTime() {
    send(FaultPoint.RESPONSE_BODY, new Fault.Latency(Duration.ofMillis(120), Duration.ZERO), 500);
    assertThat(drain()).isEqualTo(new Written(0, false));
    advance(119);
    assertThat(drain()).isEqualTo(new Written(0, false));
    advance(1);
    assertThat(drain()).isEqualTo(new Written(500, true));
  }

  @Test
  void bandwidthPacesTenKilobytesOverHalfASecondAtTwentyKilobytesPerSecond() {
    send(FaultPoint.RESPONSE_BODY, new Fault.Bandwidth(20_000), 10_240);
    int sent = drain().bodyBytes();
    // 1/20 s slices of 1 000 bytes: after 250 ms about half is out, the end not yet
    advance(250);
    sent += drain().bodyBytes();
    assertThat(sent).isBetween(4_000, 6_000);
    advance(240);
    Written w = drain();
    sent += w.bodyBytes();
    assertThat(sent).isLessThan(10_240);
    assertThat(w.ended()).isFalse();
    // 10 240 bytes at 20 000 B/s: all out at 512 ms
    advance(30);
    w = drain();
    sent += w.bodyBytes();
    assertThat(sent).isEqualTo(10_240);
    assertThat(w.ended()).isTrue();
  }

  @Test
  void aStallMidBodySendsHalfThenWaitsItsWholeDuration() {
    send(FaultPoint.RESPONSE_BODY, new Fault.Stall(Duration.ofSeconds(3)), 4_000);
    assertThat(drain()).isEqualTo(new Written(2_000, false));
    advance(2_999);
    assertThat(drain()).isEqualTo(new Written(0, false));
    advance(1);
    assertThat(drain()).isEqualTo(new Written(2_000, true));
  }

  // ---------------------------------------------------------------- receiving side

  /** A server-side InboundFaults with {@code fault} at {@code point}; time frozen. */
  private EmbeddedChannel receiving(FaultPoint point, Fault fault) {
    FaultPlan plan = plan(point, fault);
    EmbeddedChannel in =
        new EmbeddedChannel(
            new InboundFaults(true, m -> plan.begin(Layer.NETWORK_SERVER, FUNCTION), f -> {}));
    in.freezeTime();
    return in;
  }

  /** Writes a request of {@code bodyBytes} in 1 000-byte parts into {@code in}. */
  private static void receive(EmbeddedChannel in, int bodyBytes) {
    HttpRequest head =
        new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/gsma/rsp2/es9plus/x");
    HttpUtil.setContentLength(head, bodyBytes);
    in.writeInbound(head);
    for (int off = 0; off < bodyBytes; off += 1_000) {
      in.writeInbound(
          new DefaultHttpContent(
              Unpooled.wrappedBuffer(new byte[Math.min(1_000, bodyBytes - off)])));
    }
    in.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
  }

  /** Body bytes handed on so far; whether the last content was. */
  private static Written handedOn(EmbeddedChannel in) {
    int bytes = 0;
    boolean ended = false;
    Object o;
    while ((o = in.readInbound()) != null) {
      if (o instanceof HttpContent c) {
        bytes += c.content().readableBytes();
        ended |= c instanceof LastHttpContent;
      }
      io.netty.util.ReferenceCountUtil.release(o);
    }
    return new Written(bytes, ended);
  }

  private static void advance(EmbeddedChannel in, long millis) {
    in.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    in.runScheduledPendingTasks();
    in.runPendingTasks();
  }

  @Test
  void latencyAtTheRequestBodyHoldsItBackUntilItsTime() {
    EmbeddedChannel in =
        receiving(
            FaultPoint.REQUEST_BODY, new Fault.Latency(Duration.ofMillis(120), Duration.ZERO));
    try {
      receive(in, 3_000);
      assertThat(handedOn(in)).isEqualTo(new Written(0, false));
      advance(in, 119);
      assertThat(handedOn(in)).isEqualTo(new Written(0, false));
      advance(in, 1);
      assertThat(handedOn(in)).isEqualTo(new Written(3_000, true));
    } finally {
      in.finishAndReleaseAll();
    }
  }

  @Test
  void bandwidthLetsTheRequestBodyThroughAtItsRate() {
    EmbeddedChannel in = receiving(FaultPoint.REQUEST_BODY, new Fault.Bandwidth(20_000));
    try {
      receive(in, 10_000);
      int got = handedOn(in).bodyBytes();
      advance(in, 250);
      got += handedOn(in).bodyBytes();
      assertThat(got).isBetween(4_000, 6_000);
      // 10 000 bytes at 20 000 B/s: all through at 500 ms
      advance(in, 260);
      Written w = handedOn(in);
      assertThat(got + w.bodyBytes()).isEqualTo(10_000);
      assertThat(w.ended()).isTrue();
    } finally {
      in.finishAndReleaseAll();
    }
  }
}
