package org.rspharness.scenario.report;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;

/**
 * The outcome of a run, computed from its events alone.
 *
 * <p>Scenarios are named by their {@code StepStarted}/{@code StepFinished} payloads; a start and a
 * finish pair up by scenario and step name (first in, first out, so a repeated step name pairs in
 * order), which keeps parallel scenarios apart however their events interleave. A step event with
 * an empty step name marks the scenario itself: it gives the scenario its span and, when not ok,
 * its failure, but is not listed as a step (so a scenario with no steps can still be reported).
 *
 * <p>Other events (HTTP, APDU, faults, ...) carry no scenario name. A source tagged {@code
 * name@scenario} (the engine's {@code EventLog.scoped}) belongs to that scenario; others are
 * attributed by time: an event belongs to the one scenario whose span (first to last step event)
 * contains it; if several spans contain it, to the one among them with a step open at that moment,
 * then to the one whose open step was emitted by the same source. An event still ambiguous, or
 * outside every span, is counted in {@link #unattributedEvents} rather than guessed.
 *
 * <p>Components mark their own phases with step events too: the LPA emits {@code StepStarted("lpa",
 * "AUTHENTICATE_SERVER")} and finishes only some phases. Step events whose scenario is one of
 * {@link #COMPONENT_PHASES} are therefore not scenarios: they are attributed like any other event
 * and drawn as phase markers on their emitter's lane.
 *
 * @param scenarios the scenarios, ordered by name (stable across re-runs of a parallel suite)
 * @param unattributedEvents events that could not be given to exactly one scenario
 * @param eventCount all events of the run
 * @param startNanos monotonic time of the first event (0 for an empty log)
 * @param endNanos monotonic time of the last event (0 for an empty log)
 * @param startWall wall-clock time of the first event, or null for an empty log
 * @param lpaBehaviours the LPA behaviours the run's notes name ({@link #LPA_BEHAVIOUR_NOTE}), each
 *     once, in order: {@code "load: lpac (STORE DATA 120 bytes, ...)"}
 */
public record RunSummary(
    List<ScenarioSummary> scenarios,
    int unattributedEvents,
    int eventCount,
    long startNanos,
    long endNanos,
    Instant startWall,
    List<String> lpaBehaviours) {

  /** Scenario names that components use for their own phase markers (the LPA's "lpa"). */
  public static final java.util.Set<String> COMPONENT_PHASES = java.util.Set.of("lpa");

  public RunSummary {
    scenarios = List.copyOf(scenarios);
    lpaBehaviours = List.copyOf(lpaBehaviours);
  }

  /** Every scenario's deviations from SGP.22, scenario by scenario. */
  public List<DeviationFinding> deviations() {
    return scenarios.stream().flatMap(s -> s.deviations().stream()).toList();
  }

  /**
   * The prefix of the note naming an LPA behaviour a run used: a load's (always) and a scenario
   * device's (when not {@code spec}).
   */
  public static final String LPA_BEHAVIOUR_NOTE = "lpa behaviour: ";

  /** True for a step event of a scenario (not a component's phase marker). */
  public static boolean isScenarioStep(EventPayload p) {
    if (p instanceof EventPayload.StepStarted s) {
      return !COMPONENT_PHASES.contains(s.scenario());
    }
    if (p instanceof EventPayload.StepFinished f) {
      return !COMPONENT_PHASES.contains(f.scenario());
    }
    return false;
  }

  /** Number of scenarios that passed. */
  public int passed() {
    return (int)
        scenarios.stream().filter(s -> s.result() == ScenarioSummary.Result.PASSED).count();
  }

  /** Number of scenarios that failed. */
  public int failed() {
    return scenarios.size() - passed();
  }

  /** True when there is at least one scenario and every scenario passed. */
  public boolean allPassed() {
    return !scenarios.isEmpty() && failed() == 0;
  }

  /** From the first to the last event of the run. */
  public long durationNanos() {
    return Math.max(0, endNanos - startNanos);
  }

  /** Computes the summary of {@code events} (any order; they are ordered by sequence number). */
  public static RunSummary of(List<Event> events) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(Event::seq));

    // Scenarios are the names with a scenario marker (a step event with an empty step name);
    // step events of other names (an LPA's own progress steps) are then ordinary events. A log
    // with no marker at all (an LPA command's log) lists every name.
    java.util.Set<String> marked = new java.util.HashSet<>();
    for (Event e : sorted) {
      if (e.payload() instanceof EventPayload.StepStarted s && nameOf(s.step()).isEmpty()) {
        marked.add(nameOf(s.scenario()));
      } else if (e.payload() instanceof EventPayload.StepFinished f && nameOf(f.step()).isEmpty()) {
        marked.add(nameOf(f.scenario()));
      }
    }
    java.util.function.Predicate<Event> scenarioStep =
        e ->
            isScenarioStep(e.payload())
                && ((e.payload() instanceof EventPayload.StepStarted s
                        && (marked.isEmpty() || marked.contains(nameOf(s.scenario()))))
                    || (e.payload() instanceof EventPayload.StepFinished f
                        && (marked.isEmpty() || marked.contains(nameOf(f.scenario())))));

    // Pass 1: pair step events and find each scenario's span.
    Map<String, Building> byName = new TreeMap<>();
    Map<String, Deque<Open>> open = new HashMap<>();
    for (Event e : sorted) {
      if (!scenarioStep.test(e)) {
        continue;
      }
      if (e.payload() instanceof EventPayload.StepStarted s) {
        String scenario = nameOf(s.scenario());
        Building b = byName.computeIfAbsent(scenario, Building::new);
        b.add(e);
        Open o = new Open(nameOf(s.step()), e, b.steps.size());
        b.steps.add(null); // placeholder keeps start order
        open.computeIfAbsent(key(scenario, o.step), k -> new ArrayDeque<>()).addLast(o);
      } else if (e.payload() instanceof EventPayload.StepFinished f) {
        String scenario = nameOf(f.scenario());
        String step = nameOf(f.step());
        Building b = byName.computeIfAbsent(scenario, Building::new);
        b.add(e);
        Deque<Open> q = open.get(key(scenario, step));
        Open o = q == null ? null : q.pollFirst();
        StepSummary.Status status = f.ok() ? StepSummary.Status.PASSED : StepSummary.Status.FAILED;
        if (o == null) {
          b.steps.add(
              new StepSummary(
                  step,
                  e.seq(),
                  e.seq(),
                  e.elapsedNanos(),
                  e.elapsedNanos(),
                  status,
                  f.statusCode(),
                  f.message()));
        } else {
          b.steps.set(
              o.index,
              new StepSummary(
                  step,
                  o.start.seq(),
                  e.seq(),
                  o.start.elapsedNanos(),
                  e.elapsedNanos(),
                  status,
                  f.statusCode(),
                  f.message()));
        }
      }
    }
    for (Deque<Open> q : open.values()) {
      for (Open o : q) {
        Building b = byName.get(nameOf(((EventPayload.StepStarted) o.start.payload()).scenario()));
        b.unfinished.add(o);
        // a step cut short owns what follows it, up to the end of the log
        b.lastStepSeq = Long.MAX_VALUE;
      }
    }

    // Pass 2: attribute the other events.
    int unattributed = 0;
    List<Building> all = new ArrayList<>(byName.values());
    for (Event e : sorted) {
      if (scenarioStep.test(e)) {
        continue;
      }
      Building owner = attribute(all, e);
      if (owner == null) {
        unattributed++;
      } else {
        owner.add(e);
      }
    }

    List<ScenarioSummary> scenarios = new ArrayList<>();
    for (Building b : all) {
      scenarios.add(b.build());
    }
    java.util.Set<String> behaviours = new java.util.LinkedHashSet<>();
    for (Event e : sorted) {
      if (e.payload() instanceof EventPayload.Note n
          && n.text() != null
          && n.text().startsWith(LPA_BEHAVIOUR_NOTE)) {
        behaviours.add(n.text().substring(LPA_BEHAVIOUR_NOTE.length()));
      }
    }
    return new RunSummary(
        scenarios,
        unattributed,
        sorted.size(),
        sorted.isEmpty() ? 0 : sorted.get(0).elapsedNanos(),
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).elapsedNanos(),
        sorted.isEmpty() ? null : sorted.get(0).wallTime(),
        List.copyOf(behaviours));
  }

  private static Building attribute(List<Building> all, Event e) {
    // the engine tags each scenario's sources with "@scenario": that settles it
    String source = e.source() == null ? "" : e.source();
    if (source.indexOf('@') >= 0) {
      for (Building b : all) {
        if (source.endsWith("@" + b.name)) {
          return b;
        }
      }
    }
    List<Building> inSpan = new ArrayList<>();
    for (Building b : all) {
      if (b.firstStepSeq <= e.seq() && e.seq() <= b.lastStepSeq) {
        inSpan.add(b);
      }
    }
    if (inSpan.size() <= 1) {
      return inSpan.isEmpty() ? null : inSpan.get(0);
    }
    List<Building> withOpenStep = new ArrayList<>();
    for (Building b : inSpan) {
      if (b.stepOpenAt(e.seq())) {
        withOpenStep.add(b);
      }
    }
    if (withOpenStep.size() == 1) {
      return withOpenStep.get(0);
    }
    List<Building> sameSource = new ArrayList<>();
    for (Building b : withOpenStep.isEmpty() ? inSpan : withOpenStep) {
      if (b.openStepSourceAt(e.seq(), e.source())) {
        sameSource.add(b);
      }
    }
    return sameSource.size() == 1 ? sameSource.get(0) : null;
  }

  private static String nameOf(String s) {
    return s == null ? "" : s;
  }

  private static String key(String scenario, String step) {
    return scenario + '\u0000' + step;
  }

  private record Open(String step, Event start, int index) {}

  /** A scenario while its events are collected. */
  private static final class Building {
    final String name;
    final List<StepSummary> steps = new ArrayList<>();
    final List<Open> unfinished = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final Map<Long, String> stepSourceBySeq = new HashMap<>();
    long firstStepSeq = Long.MAX_VALUE;
    long lastStepSeq = Long.MIN_VALUE;

    Building(String name) {
      this.name = name;
    }

    void add(Event e) {
      events.add(e);
      if (isScenarioStep(e.payload())) {
        stepSourceBySeq.put(e.seq(), e.source());
        firstStepSeq = Math.min(firstStepSeq, e.seq());
        lastStepSeq = Math.max(lastStepSeq, e.seq());
      }
    }

    boolean stepOpenAt(long seq) {
      return openStepSources(seq).findAny().isPresent();
    }

    boolean openStepSourceAt(long seq, String source) {
      return openStepSources(seq).anyMatch(source::equals);
    }

    /** The sources of the step events that started the steps open at {@code seq}. */
    private java.util.stream.Stream<String> openStepSources(long seq) {
      java.util.stream.Stream<String> finished =
          steps.stream()
              .filter(s -> s != null && s.startSeq() < seq && seq < s.endSeq())
              .map(s -> stepSourceBySeq.get(s.startSeq()));
      java.util.stream.Stream<String> running =
          unfinished.stream().filter(o -> o.start.seq() < seq).map(o -> o.start.source());
      return java.util.stream.Stream.concat(finished, running);
    }

    ScenarioSummary build() {
      events.sort(Comparator.comparingLong(Event::seq));
      Event last = events.get(events.size() - 1);
      // Unfinished steps fill their placeholders, in start order.
      List<StepSummary> ordered = new ArrayList<>();
      List<Open> pending = new ArrayList<>(unfinished);
      pending.sort(Comparator.comparingInt(Open::index));
      int next = 0;
      for (int i = 0; i < steps.size(); i++) {
        StepSummary s = steps.get(i);
        if (s == null && next < pending.size() && pending.get(next).index == i) {
          Open o = pending.get(next++);
          s =
              new StepSummary(
                  o.step,
                  o.start.seq(),
                  last.seq(),
                  o.start.elapsedNanos(),
                  last.elapsedNanos(),
                  StepSummary.Status.UNFINISHED,
                  null,
                  null);
        }
        if (s != null) {
          ordered.add(s);
        }
      }
      StepSummary firstFailure =
          ordered.stream()
              .filter(s -> !s.ok())
              // a failure is known when its finish event arrives; an unfinished one only at the end
              .min(
                  Comparator.comparing(
                          (StepSummary s) -> s.status() == StepSummary.Status.UNFINISHED)
                      .thenComparingLong(StepSummary::endSeq)
                      .thenComparingLong(StepSummary::startSeq))
              .orElse(null);
      int http = 0;
      int apdus = 0;
      int faults = 0;
      for (Event e : events) {
        if (e.payload() instanceof EventPayload.HttpExchange) {
          http++;
        } else if (e.payload() instanceof EventPayload.ApduExchange) {
          apdus++;
        } else if (e.payload() instanceof EventPayload.FaultInjected) {
          faults++;
        }
      }
      List<StepSummary> listed = ordered.stream().filter(s -> !s.name().isEmpty()).toList();
      return new ScenarioSummary(name, listed, firstFailure, http, apdus, faults, events);
    }
  }
}
