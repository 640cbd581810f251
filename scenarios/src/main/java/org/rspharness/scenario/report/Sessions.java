package org.rspharness.scenario.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.scenario.kpi.Kpis;

/**
 * The sessions of a run, the unit the HTML report draws message-sequence diagrams for: each
 * scenario of a scenario run; each activation of a load run (the {@code activation} step of one
 * device, with the events its device's components emitted meanwhile: LPA, ES9+ client, its faults).
 * A session failed when any of its steps failed (a download that was retried counts: that is what
 * an engineer wants to look at).
 */
final class Sessions {

  private Sessions() {}

  /** The sessions of {@code result}, in run order (scenarios by name). */
  static List<ScenarioSummary> of(RunResult result) {
    if (!result.loadRun()) {
      return result.run().scenarios();
    }
    List<ScenarioSummary> out = new ArrayList<>();
    for (ScenarioSummary load : result.run().scenarios()) {
      out.addAll(activations(load));
    }
    return out;
  }

  private static List<ScenarioSummary> activations(ScenarioSummary load) {
    // each device's events, in sequence order
    Map<String, List<Event>> byDevice = new HashMap<>();
    Map<String, String> deviceOfStep = new HashMap<>();
    List<Event> starts = new ArrayList<>();
    for (Event e : load.events()) {
      String device = device(e);
      if (device != null) {
        byDevice.computeIfAbsent(device, k -> new ArrayList<>()).add(e);
      }
      if (e.payload() instanceof EventPayload.StepStarted s
          && Kpis.ACTIVATION.equals(s.action())
          && s.device() != null) {
        starts.add(e);
        deviceOfStep.put(s.step(), s.device());
      }
    }
    List<ScenarioSummary> out = new ArrayList<>();
    for (Event start : starts) {
      EventPayload.StepStarted s = (EventPayload.StepStarted) start.payload();
      List<Event> mine = byDevice.getOrDefault(s.device(), List.of());
      int from = indexOf(mine, start.seq());
      List<Event> events = new ArrayList<>();
      for (int i = from; i < mine.size(); i++) {
        Event e = mine.get(i);
        events.add(e);
        if (e.payload() instanceof EventPayload.StepFinished f && f.step().equals(s.step())) {
          break;
        }
      }
      out.add(summary(s.step(), events));
    }
    return out;
  }

  /** The device of an event: from a step event, else the last part of its source. */
  private static String device(Event e) {
    if (e.payload() instanceof EventPayload.StepStarted s && s.device() != null) {
      return s.device();
    }
    String src = e.source();
    if (src == null) {
      return null;
    }
    int cut = src.lastIndexOf('/');
    return cut < 0 || cut == src.length() - 1 ? null : src.substring(cut + 1);
  }

  private static int indexOf(List<Event> events, long seq) {
    int lo = 0;
    int hi = events.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = events.get(mid).seq();
      if (v < seq) {
        lo = mid + 1;
      } else if (v > seq) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return lo;
  }

  /** A session as a scenario of its own: its steps paired from its step events. */
  private static ScenarioSummary summary(String name, List<Event> events) {
    List<StepSummary> steps = new ArrayList<>();
    Map<String, Event> open = new HashMap<>();
    int http = 0;
    int apdus = 0;
    int faults = 0;
    for (Event e : events) {
      EventPayload p = e.payload();
      if (p instanceof EventPayload.StepStarted s && RunSummary.isScenarioStep(p)) {
        open.put(s.step(), e);
      } else if (p instanceof EventPayload.StepFinished f && RunSummary.isScenarioStep(p)) {
        Event st = open.remove(f.step());
        long startSeq = st == null ? e.seq() : st.seq();
        long startNanos = st == null ? e.elapsedNanos() : st.elapsedNanos();
        steps.add(
            new StepSummary(
                f.step(),
                startSeq,
                e.seq(),
                startNanos,
                e.elapsedNanos(),
                f.ok() ? StepSummary.Status.PASSED : StepSummary.Status.FAILED,
                f.statusCode(),
                f.message()));
      } else if (p instanceof EventPayload.HttpExchange) {
        http++;
      } else if (p instanceof EventPayload.ApduExchange) {
        apdus++;
      } else if (p instanceof EventPayload.FaultInjected) {
        faults++;
      }
    }
    Event last = events.get(events.size() - 1);
    for (Event st : open.values()) {
      steps.add(
          new StepSummary(
              ((EventPayload.StepStarted) st.payload()).step(),
              st.seq(),
              last.seq(),
              st.elapsedNanos(),
              last.elapsedNanos(),
              StepSummary.Status.UNFINISHED,
              null,
              null));
    }
    steps.sort(java.util.Comparator.comparingLong(StepSummary::startSeq));
    // the first failed download (or the activation itself) is the session's failure
    StepSummary failure = null;
    for (StepSummary st : steps) {
      if (!st.ok() && (failure == null || st.endSeq() < failure.endSeq())) {
        failure = st;
      }
    }
    return new ScenarioSummary(name, steps, failure, http, apdus, faults, events);
  }
}
