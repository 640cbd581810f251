package org.rspharness.core.transport.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPoint;

/** Small helpers shared by the network fault handlers of the client and the server. */
final class NetFaults {

  /** Bandwidth is paced in slices of 1/20 s worth of bytes. */
  static final int SLICES_PER_SECOND = 20;

  private NetFaults() {}

  /** A failure the fault plan caused, already typed for the client's exception. */
  static final class InjectedFault extends IOException {
    private static final long serialVersionUID = 1L;
    final RspHttpException.Kind kind;
    final transient int status;
    final transient byte[] partialBody;

    InjectedFault(RspHttpException.Kind kind, String message) {
      this(kind, message, 0, null);
    }

    InjectedFault(RspHttpException.Kind kind, String message, int status, byte[] partialBody) {
      super(message);
      this.kind = kind;
      this.status = status;
      this.partialBody = partialBody;
    }
  }

  /** The pause the faults ask for: latencies (with jitter drawn here) plus stalls, in nanos. */
  static long pauseNanos(List<Fault> faults) {
    long total = 0;
    for (Fault f : faults) {
      if (f instanceof Fault.Latency l) {
        total += latencyNanos(l);
      } else if (f instanceof Fault.Stall s) {
        total += s.duration().toNanos();
      }
    }
    return total;
  }

  /** The latencies only (body points stall midway instead). */
  static long latencyNanos(List<Fault> faults) {
    long total = 0;
    for (Fault f : faults) {
      if (f instanceof Fault.Latency l) {
        total += latencyNanos(l);
      }
    }
    return total;
  }

  /** The stalls only. */
  static long stallNanos(List<Fault> faults) {
    long total = 0;
    for (Fault f : faults) {
      if (f instanceof Fault.Stall s) {
        total += s.duration().toNanos();
      }
    }
    return total;
  }

  private static long latencyNanos(Fault.Latency l) {
    long jitter = l.jitter().toNanos();
    long drawn = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
    return Math.max(0, l.delay().toNanos() + drawn);
  }

  /** The slowest bandwidth asked for, or 0 for none. */
  static long bytesPerSecond(List<Fault> faults) {
    long rate = 0;
    for (Fault f : faults) {
      if (f instanceof Fault.Bandwidth b && (rate == 0 || b.bytesPerSecond() < rate)) {
        rate = b.bytesPerSecond();
      }
    }
    return rate;
  }

  /** The smallest close-after byte count, or -1 for none. */
  static long closeAfter(List<Fault> faults) {
    long n = -1;
    for (Fault f : faults) {
      if (f instanceof Fault.CloseAfter c && (n < 0 || c.bytes() < n)) {
        n = c.bytes();
      }
    }
    return n;
  }

  static boolean has(List<Fault> faults, Class<? extends Fault> kind) {
    for (Fault f : faults) {
      if (kind.isInstance(f)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Resets {@code channel}: SO_LINGER 0 and a close that bypasses TLS (no close_notify), so the
   * peer reads a RST ("connection reset") rather than an orderly end.
   */
  static void reset(Channel channel) {
    try {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
    } catch (RuntimeException notASocket) {
      // an embedded or local channel in a unit test: a plain close is the best we can do
    }
    WireFaults wire = channel.pipeline().get(WireFaults.class);
    if (wire != null) {
      wire.closeBelowTls();
    } else {
      channel.close();
    }
  }

  /** Runs {@code step} on the channel's event loop after {@code nanos} (now when 0). */
  static void later(Channel channel, long nanos, Runnable step) {
    if (nanos <= 0 && channel.eventLoop().inEventLoop()) {
      step.run();
    } else {
      channel.eventLoop().schedule(step, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }
  }

  /** A TLS 1.2 fatal handshake_failure(40) alert record, as sent by a peer that gives up. */
  static ByteBuf fatalHandshakeAlert() {
    return Unpooled.wrappedBuffer(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28});
  }

  static String at(Fault fault, FaultPoint point) {
    return "injected " + fault.describe() + " at " + point.fileName();
  }
}
