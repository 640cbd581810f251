package org.rspharness.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told to, for protocol time (session expiry, order expiry,
 * certificate validity) in tests and replays: an expiry is tested by advancing the clock, never by
 * waiting.
 */
public final class ManualClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, in UTC. */
  public static ManualClock at(Instant start) {
    return new ManualClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /** Moves the clock forward (or back, for a negative duration) and returns the new instant. */
  public Instant advance(Duration by) {
    return now.updateAndGet(t -> t.plus(by));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(instant);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    // Shares the same instant so that both views move together.
    return new ManualClock(now, newZone);
  }
}
