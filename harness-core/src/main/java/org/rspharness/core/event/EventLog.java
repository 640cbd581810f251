package org.rspharness.core.event;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Where every layer reports what it did. It stamps each payload with a sequence number and the
 * monotonic and wall-clock times, then hands it to its sinks (the events.jsonl writer, an in-memory
 * recorder for assertions, Micrometer bridges).
 */
public final class EventLog {

  private static final EventLog DISABLED = new EventLog(Clock.systemUTC(), System::nanoTime);

  private final Clock wallClock;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final AtomicLong seq;
  private final List<EventSink> sinks;
  private final String sourceSuffix;

  /**
   * A log with the given time sources: {@code nanoTime} must be monotonic ({@code System::nanoTime}
   * in production, a counter in tests that need fixed timings).
   */
  public EventLog(Clock wallClock, LongSupplier nanoTime) {
    this.wallClock = wallClock;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.seq = new AtomicLong();
    this.sinks = new CopyOnWriteArrayList<>();
    this.sourceSuffix = "";
  }

  private EventLog(EventLog parent, String suffix) {
    this.wallClock = parent.wallClock;
    this.nanoTime = parent.nanoTime;
    this.startNanos = parent.startNanos;
    this.seq = parent.seq;
    this.sinks = parent.sinks;
    this.sourceSuffix = parent.sourceSuffix + suffix;
  }

  /**
   * A view of this log that appends {@code @scope} to every source it emits (e.g. {@code
   * lpa/phone@nominal-download}), sharing numbering, clocks and sinks: scenarios running at once in
   * one log stay apart without any component knowing which scenario it serves.
   */
  public EventLog scoped(String scope) {
    if (this == DISABLED) {
      return this;
    }
    return new EventLog(this, "@" + scope);
  }

  /** A log on the system clocks. */
  public static EventLog system() {
    return new EventLog(Clock.systemUTC(), System::nanoTime);
  }

  /** A log with no sinks that costs almost nothing, for components used outside a run. */
  public static EventLog disabled() {
    return DISABLED;
  }

  /** Adds a sink; returns this log for chaining. */
  public EventLog addSink(EventSink sink) {
    if (this == DISABLED) {
      throw new IllegalStateException("the disabled event log takes no sinks");
    }
    sinks.add(sink);
    return this;
  }

  /** True when someone listens: emitters skip building costly payloads otherwise. */
  public boolean enabled() {
    return !sinks.isEmpty();
  }

  /** The sequence number of the last event stamped so far (0 before the first). */
  public long lastSeq() {
    return seq.get();
  }

  /** Nanoseconds since this log started, on its monotonic time source. */
  public long elapsedNanos() {
    return nanoTime.getAsLong() - startNanos;
  }

  /**
   * Stamps and forwards one payload. Sinks may receive concurrent events slightly out of sequence
   * order (no lock spans numbering and delivery, to keep emitters from queueing behind each other);
   * readers order by {@link Event#seq()}, as {@link RecordingSink} and {@link EventsJsonl#read} do.
   */
  public void emit(String source, EventPayload payload) {
    if (sinks.isEmpty()) {
      return;
    }
    Event event =
        new Event(
            seq.incrementAndGet(),
            elapsedNanos(),
            wallClock.instant(),
            sourceSuffix.isEmpty() ? source : source + sourceSuffix,
            payload);
    for (EventSink sink : sinks) {
      sink.accept(event);
    }
  }
}
