package org.rspharness.scenario.report;

import java.util.List;
import java.util.Optional;
import org.rspharness.core.event.Event;

/**
 * What one scenario did, computed from the events attributed to it (see {@link RunSummary#of}).
 *
 * @param name the scenario name from its step events
 * @param steps its steps in start order (scenario markers with an empty step name excluded)
 * @param firstFailure the first failed step (or marker), or null when the scenario passed
 * @param httpExchanges number of HTTP exchanges attributed to it
 * @param apdus number of APDU exchanges attributed to it
 * @param faults number of injected faults attributed to it
 * @param events its events (step events and attributed ones) in sequence order
 */
public record ScenarioSummary(
    String name,
    List<StepSummary> steps,
    StepSummary firstFailure,
    int httpExchanges,
    int apdus,
    int faults,
    List<Event> events) {

  /** The outcome of a scenario. */
  public enum Result {
    PASSED,
    FAILED
  }

  public ScenarioSummary {
    steps = List.copyOf(steps);
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("events: a scenario has at least one event");
    }
  }

  /** The deviations from SGP.22 seen in this scenario (tolerated or, strict, failed). */
  public List<DeviationFinding> deviations() {
    return DeviationFinding.of(name, events);
  }

  /** Passed when every step (and scenario marker) passed. */
  public Result result() {
    return firstFailure == null ? Result.PASSED : Result.FAILED;
  }

  /** The first failure, if any. */
  public Optional<StepSummary> failure() {
    return Optional.ofNullable(firstFailure);
  }

  /** Monotonic time of its first event. */
  public long startNanos() {
    return events.get(0).elapsedNanos();
  }

  /** Monotonic time of its last event. */
  public long endNanos() {
    return events.get(events.size() - 1).elapsedNanos();
  }

  /** From its first to its last event. */
  public long durationNanos() {
    return Math.max(0, endNanos() - startNanos());
  }

  /** The events that happened while {@code step} ran (its start and finish included). */
  public List<Event> eventsOf(StepSummary step) {
    return events.stream()
        .filter(e -> e.seq() >= step.startSeq() && e.seq() <= step.endSeq())
        .toList();
  }
}
