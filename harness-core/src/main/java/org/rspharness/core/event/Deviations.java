package org.rspharness.core.event;

import java.util.Objects;

/**
 * How a component treats a peer that breaks an SGP.22 rule which devices in the field tolerate (an
 * over-long BSP segment, base64 with line breaks, a wrong Content-Type ...): by default it records
 * a {@link EventPayload.Deviation} and carries on, as field devices do; strict, it records the
 * deviation and fails as the letter of the spec says. Callers decide the failure; this class only
 * says whether to carry on.
 */
public final class Deviations {

  private final EventLog events;
  private final String source;
  private final boolean strict;

  /**
   * @param events where deviation events go
   * @param source the emitting component's event source (the observer)
   * @param strict fail on deviations instead of tolerating them
   */
  public Deviations(EventLog events, String source, boolean strict) {
    this.events = Objects.requireNonNull(events, "events");
    this.source = Objects.requireNonNull(source, "source");
    this.strict = strict;
  }

  /** Tolerant, recording nothing: for components used outside a run. */
  public static Deviations lenient() {
    return new Deviations(EventLog.disabled(), "-", false);
  }

  public boolean strict() {
    return strict;
  }

  /** The same policy reporting under another source. */
  public Deviations withSource(String newSource) {
    return new Deviations(events, newSource, strict);
  }

  /** The same source and log with strictness {@code on}. */
  public Deviations withStrict(boolean on) {
    return new Deviations(events, source, on);
  }

  /**
   * Records that {@code who} broke {@code clause}; returns true when the caller is to carry on
   * (tolerant), false when it is to fail as the spec says (strict).
   */
  public boolean tolerate(String who, String clause, String rule, String observed, String limit) {
    events.emit(source, new EventPayload.Deviation(who, clause, rule, observed, limit, !strict));
    return !strict;
  }
}
