package org.rspharness.scenario.kpi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;

/**
 * Computes {@link Kpis} from events fed one at a time in sequence-number order, keeping only what
 * is still open (steps not finished, faults whose attempt has not ended, a device's last success
 * until its next operation) plus bounded {@link Distribution}s: a run of any length costs memory in
 * proportion to its devices and concurrency, not to its events. {@link Kpis#of} feeds a whole list
 * through it, so the KPIs of a live run and those of its events file are the same computation.
 * Definitions: see {@link Kpis}. Not thread-safe (see {@code OrderedSink} for live use).
 */
public final class KpiAccumulator {

  private final boolean apduBreakdown;
  private final List<Kpis.Attempt> downloadsOut;
  private final List<Kpis.Activation> activationsOut;

  private final Map<String, Lane> open = new HashMap<>();
  private final List<String> stress = new ArrayList<>();
  private final Set<String> devices = new LinkedHashSet<>();
  private final Map<String, DeviceState> byDevice = new HashMap<>();
  private long lastSeq = -1;
  private long lastNanos;
  private long endOrder;

  private int attempts;
  private int successes;
  private int failed;
  private int expectedFailed;
  private long firstDownload = Long.MAX_VALUE;
  private long lastDownload = Long.MIN_VALUE;
  private final Map<String, Distribution> byAction = new TreeMap<>();
  private final Distribution tta = new Distribution();
  private final Distribution ttr = new Distribution();
  private final int[] outcomes = new int[3]; // success, failure, expected failure
  private int failures;

  private final Map<String, Distribution> http = new TreeMap<>();
  private final Distribution tls = new Distribution();
  // ES10 command times by name, as the LPA and as the eUICC observed them (see Kpis)
  private final Map<String, Distribution> lpaEs10 = new TreeMap<>();
  private final Map<String, Distribution> euiccEs10 = new TreeMap<>();
  private int faultCount;

  private final Map<String, Integer> byCode = new TreeMap<>();
  private final Map<String, Integer> byPoint = new TreeMap<>();
  private final List<PendingFault> pendingFaults = new ArrayList<>();
  private final Map<String, Long> lastSeqByToken = new HashMap<>();
  private int unattributed;
  private boolean faultsMayResolve;

  /**
   * An accumulator for KPIs only; with {@code apduBreakdown} false, ES10 commands are ignored (no
   * per-command latencies).
   */
  public KpiAccumulator(boolean apduBreakdown) {
    this(apduBreakdown, null, null);
  }

  KpiAccumulator(
      boolean apduBreakdown,
      List<Kpis.Attempt> downloadsOut,
      List<Kpis.Activation> activationsOut) {
    this.apduBreakdown = apduBreakdown;
    this.downloadsOut = downloadsOut;
    this.activationsOut = activationsOut;
  }

  /** A started or finished step: paired first in, first out by scenario and step name. */
  private static final class OpenStep {
    final Event start;
    final EventPayload.StepStarted payload;
    // faults seen while this step was open (it may own them if it fails)
    int pendingFaults;
    Step finishedAs;
    // a failed attempt's faults, until its interruption point is known
    List<PendingFault> attributions;

    OpenStep(Event start, EventPayload.StepStarted payload) {
      this.start = start;
      this.payload = payload;
    }
  }

  /**
   * The open starts of one (scenario, step) name, first in first out. Starts without an action or
   * device (a component's phase markers, often never finished) are only counted, in runs, so that
   * they keep their place in the pairing without costing memory per event.
   */
  private static final class Lane {
    // each element: an OpenStep, or a long[1] counting consecutive starts without action/device
    private final Deque<Object> queue = new ArrayDeque<>();
    final List<OpenStep> steps = new ArrayList<>();

    void add(OpenStep o) {
      if (o == null) {
        if (queue.peekLast() instanceof long[] run) {
          run[0]++;
        } else {
          queue.addLast(new long[] {1});
        }
        return;
      }
      queue.addLast(o);
      steps.add(o);
    }

    /** The oldest open start, or null when it had no action or device (or there is none). */
    OpenStep poll() {
      Object head = queue.peekFirst();
      if (head instanceof long[] run) {
        if (--run[0] == 0) {
          queue.pollFirst();
        }
        return null;
      }
      if (head == null) {
        return null;
      }
      queue.pollFirst();
      steps.remove(head);
      return (OpenStep) head;
    }

    boolean isEmpty() {
      return queue.isEmpty();
    }
  }

  /** One device operation, paired from its start and finish events. */
  private record Step(
      String device,
      String action,
      long startSeq,
      long endSeq,
      long endOrder,
      long startNanos,
      long endNanos,
      boolean ok,
      boolean finished,
      String statusCode,
      String outcome) {

    boolean succeeded() {
      return EventPayload.StepFinished.SUCCESS.equals(outcome);
    }

    boolean expectedFailure() {
      return EventPayload.StepFinished.EXPECTED_FAILURE.equals(outcome);
    }
  }

  /** A device's activation in progress and its recovery state. */
  private static final class DeviceState {
    Long chainStart;
    boolean allExpected = true;
    Long failingSince;
    // the last successful download, whose end waits for the device's next download or enable
    long pendingStart;
    long pendingEnd;
    Long pendingRecoverySince;
    boolean pending;
  }

  /** A fault inside at least one open download attempt, waiting for their outcomes. */
  private final class PendingFault {
    final long seq;
    final EventPayload.FaultInjected fault;
    final String sourceDevice;
    final List<OpenStep> candidates;
    // per candidate device: the nearest event seq before (or at) and after the fault
    final Map<String, Long> before = new HashMap<>();
    final Map<String, Long> after = new HashMap<>();

    PendingFault(long seq, EventPayload.FaultInjected fault, String source, List<OpenStep> c) {
      this.seq = seq;
      this.fault = fault;
      this.sourceDevice = Kpis.deviceToken(source);
      this.candidates = c;
      for (OpenStep o : c) {
        String d = o.payload.device();
        Long b = lastSeqByToken.get(d);
        if (b != null) {
          before.put(d, b);
        }
      }
    }

    boolean ready() {
      for (OpenStep o : candidates) {
        if (o.finishedAs == null) {
          return false;
        }
        if (!o.finishedAs.succeeded() && !after.containsKey(o.payload.device())) {
          return false; // its distance may still shrink
        }
      }
      return true;
    }
  }

  /** Feeds the next event (sequence numbers ascending). */
  public void accept(Event e) {
    lastSeq = e.seq();
    lastNanos = e.elapsedNanos();
    String token = Kpis.deviceToken(e.source());
    if (token != null) {
      lastSeqByToken.put(token, e.seq());
    }
    EventPayload p = e.payload();
    if (p instanceof EventPayload.StepStarted s) {
      open.computeIfAbsent(key(s.scenario(), s.step()), k -> new Lane())
          .add(s.action() != null && s.device() != null ? new OpenStep(e, s) : null);
    } else if (p instanceof EventPayload.StepFinished f) {
      Lane q = open.get(key(f.scenario(), f.step()));
      OpenStep o = q == null ? null : q.poll();
      if (q != null && q.isEmpty()) {
        open.remove(key(f.scenario(), f.step()));
      }
      if (o != null) {
        step(
            o,
            new Step(
                device(o.payload),
                o.payload.action(),
                o.start.seq(),
                e.seq(),
                endOrder++,
                o.start.elapsedNanos(),
                e.elapsedNanos(),
                f.ok(),
                true,
                f.statusCode(),
                f.actionOutcome()));
      }
    } else if (p instanceof EventPayload.Note n
        && n.text() != null
        && n.text().startsWith(Kpis.STRESS_NOTE)
        && !stress.contains(n.text().substring(Kpis.STRESS_NOTE.length()))) {
      stress.add(n.text().substring(Kpis.STRESS_NOTE.length()));
    } else if (p instanceof EventPayload.HttpExchange h) {
      http.computeIfAbsent(
              h.function() == null ? "(unknown)" : h.function(), k -> new Distribution())
          .add(h.nanos());
    } else if (p instanceof EventPayload.TlsHandshake t) {
      if (t.error() == null) {
        tls.add(t.nanos());
      }
    } else if (p instanceof EventPayload.Es10Command c) {
      if (apduBreakdown) {
        (c.observedByLpa() ? lpaEs10 : euiccEs10)
            .computeIfAbsent(c.function(), k -> new Distribution())
            .add(c.nanos());
      }
    } else if (p instanceof EventPayload.FaultInjected f) {
      faultCount++;
      List<OpenStep> candidates = new ArrayList<>();
      for (Lane q : open.values()) {
        for (OpenStep o : q.steps) {
          if (Kpis.isDownload(o.payload.action())) {
            candidates.add(o);
            o.pendingFaults++;
          }
        }
      }
      if (!candidates.isEmpty()) {
        pendingFaults.add(new PendingFault(e.seq(), f, e.source(), candidates));
      }
    }
    if (token != null && !pendingFaults.isEmpty()) {
      for (PendingFault pf : pendingFaults) {
        if (pf.seq < e.seq() && !pf.after.containsKey(token)) {
          for (OpenStep o : pf.candidates) {
            if (o.payload.device().equals(token)) {
              pf.after.put(token, e.seq());
              faultsMayResolve = true;
              break;
            }
          }
        }
      }
    }
    if (faultsMayResolve) {
      faultsMayResolve = false;
      resolveFaults(false);
    }
  }

  /** A finished (or, at the end, unfinished) step, in order of its end. */
  private void step(OpenStep o, Step s) {
    devices.add(s.device);
    if (s.finished) {
      byAction.computeIfAbsent(s.action, k -> new Distribution()).add(s.endNanos - s.startNanos);
    }
    DeviceState d = byDevice.computeIfAbsent(s.device, k -> new DeviceState());
    if (Kpis.isDownload(s.action)) {
      if (downloadsOut != null) {
        downloadsOut.add(
            new Kpis.Attempt(
                Kpis.shortName(s.device), s.startNanos, s.endNanos, s.succeeded(), s.statusCode));
      }
      attempts++;
      if (s.succeeded()) {
        successes++;
      } else {
        failed++;
        if (s.expectedFailure()) {
          expectedFailed++;
        }
        String code =
            s.statusCode != null ? s.statusCode : s.finished ? "(no code)" : "(unfinished)";
        byCode.merge(code, 1, Integer::sum);
      }
      firstDownload = Math.min(firstDownload, s.startNanos);
      lastDownload = Math.max(lastDownload, s.endNanos);
    }
    o.finishedAs = s;
    faultsMayResolve |= o.pendingFaults > 0;
    if (Kpis.isDownload(s.action) && !s.succeeded()) {
      o.attributions = new ArrayList<>();
      if (o.pendingFaults == 0) {
        finishFailed(o);
      }
    }

    // Activations, time to activate, time to recover.
    if (Kpis.isDownload(s.action) || s.action.equals(Kpis.ENABLE)) {
      if (d.pending) {
        long end = d.pendingEnd;
        if (s.action.equals(Kpis.ENABLE) && s.succeeded()) {
          end = s.endNanos;
        }
        closePending(s.device, d, end);
      }
    }
    if (Kpis.isDownload(s.action)) {
      if (d.chainStart == null) {
        d.chainStart = s.startNanos;
      }
      if (!s.succeeded()) {
        d.allExpected &= s.expectedFailure();
        if (d.failingSince == null) {
          d.failingSince = s.startNanos;
          failures++;
        }
        return;
      }
      outcomes[0]++;
      d.pending = true;
      d.pendingStart = d.chainStart;
      d.pendingEnd = s.endNanos;
      d.pendingRecoverySince = d.failingSince;
      d.failingSince = null;
      d.chainStart = null;
      d.allExpected = true;
    } else if (s.action.equals(Kpis.ACTIVATION)) {
      if (d.chainStart != null) {
        outcomes[d.allExpected ? 2 : 1]++;
      }
      d.chainStart = null;
      d.allExpected = true;
    }
  }

  private void closePending(String device, DeviceState d, long end) {
    tta.add(end - d.pendingStart);
    if (activationsOut != null) {
      activationsOut.add(new Kpis.Activation(Kpis.shortName(device), d.pendingStart, end));
    }
    if (d.pendingRecoverySince != null) {
      ttr.add(end - d.pendingRecoverySince);
    }
    d.pending = false;
    d.pendingRecoverySince = null;
  }

  /** Attributes the faults whose candidate attempts have all ended (all of them when final). */
  private void resolveFaults(boolean fin) {
    if (pendingFaults.isEmpty()) {
      return;
    }
    for (var it = pendingFaults.iterator(); it.hasNext(); ) {
      PendingFault pf = it.next();
      if (!fin && !pf.ready()) {
        continue;
      }
      it.remove();
      attribute(pf);
      for (OpenStep o : pf.candidates) {
        o.pendingFaults--;
        if (o.pendingFaults == 0 && o.attributions != null) {
          finishFailed(o);
        }
      }
    }
  }

  /** The batch rule of {@link Kpis}: the one failed attempt a fault interrupted, if any. */
  private void attribute(PendingFault pf) {
    List<OpenStep> inSpan = new ArrayList<>();
    for (OpenStep o : pf.candidates) {
      Step s = o.finishedAs;
      if (s != null && !s.succeeded() && pf.seq < s.endSeq) {
        inSpan.add(o);
      }
    }
    if (inSpan.isEmpty()) {
      return; // a fault the run recovered from, or one outside any download
    }
    inSpan.sort(Comparator.comparingLong(o -> o.finishedAs.endOrder));
    OpenStep owner = inSpan.size() == 1 ? inSpan.get(0) : null;
    if (owner == null) {
      List<OpenStep> bySource =
          inSpan.stream()
              .filter(o -> Kpis.shortName(o.finishedAs.device).equals(pf.sourceDevice))
              .toList();
      if (bySource.size() == 1) {
        owner = bySource.get(0);
      }
    }
    if (owner == null) {
      owner = nearest(inSpan, pf);
    }
    if (owner == null) {
      unattributed++;
    } else {
      owner.attributions.add(pf);
    }
  }

  private static OpenStep nearest(List<OpenStep> candidates, PendingFault pf) {
    OpenStep best = null;
    long bestDistance = Long.MAX_VALUE;
    boolean tie = false;
    for (OpenStep o : candidates) {
      String d = o.payload.device();
      Long b = pf.before.get(d);
      Long a = pf.after.get(d);
      if (b == null && a == null) {
        continue;
      }
      long dist =
          Math.min(
              b == null ? Long.MAX_VALUE : pf.seq - b, a == null ? Long.MAX_VALUE : a - pf.seq);
      if (dist < bestDistance) {
        best = o;
        bestDistance = dist;
        tie = false;
      } else if (dist == bestDistance && !d.equals(best.payload.device())) {
        tie = true;
      }
    }
    return tie ? null : best;
  }

  /** A failed attempt whose faults are all attributed: its interruption point. */
  private void finishFailed(OpenStep o) {
    List<PendingFault> list = o.attributions;
    list.sort(Comparator.comparingLong(pf -> pf.seq));
    String point = null;
    boolean breaking = false;
    for (PendingFault pf : list) {
      boolean pacing = Kpis.pacing(pf.fault.fault());
      if (!pacing || !breaking) {
        point = pf.fault.point();
        if (!pacing) {
          breaking = true;
        }
      }
    }
    byPoint.merge(point == null ? "(no fault)" : point, 1, Integer::sum);
    o.attributions = null;
  }

  /** The KPIs of everything fed so far; steps still open count as unfinished. Call once. */
  public Kpis finish() {
    for (Lane q : open.values()) {
      for (OpenStep o : q.steps) {
        {
          step(
              o,
              new Step(
                  device(o.payload),
                  o.payload.action(),
                  o.start.seq(),
                  lastSeq,
                  endOrder++,
                  o.start.elapsedNanos(),
                  lastNanos,
                  false,
                  false,
                  null,
                  EventPayload.StepFinished.FAILURE));
        }
      }
    }
    open.clear();
    resolveFaults(true);
    for (Map.Entry<String, DeviceState> en : byDevice.entrySet()) {
      DeviceState d = en.getValue();
      if (d.pending) {
        closePending(en.getKey(), d, d.pendingEnd);
      }
      if (d.chainStart != null) {
        outcomes[d.allExpected ? 2 : 1]++;
        d.chainStart = null;
      }
    }
    Map<String, Percentiles> steps = new TreeMap<>();
    byAction.forEach((k, v) -> steps.put(k, v.percentiles()));
    Map<String, Percentiles> httpOut = new TreeMap<>();
    http.forEach((k, v) -> httpOut.put(k, v.percentiles()));
    Map<String, Percentiles> apduOut = new TreeMap<>();
    (lpaEs10.isEmpty() ? euiccEs10 : lpaEs10).forEach((k, v) -> apduOut.put(k, v.percentiles()));
    return new Kpis(
        devices.size(),
        outcomes[0] + outcomes[1] + outcomes[2],
        outcomes[0],
        outcomes[1],
        outcomes[2],
        attempts,
        successes,
        failed,
        expectedFailed,
        tta.percentiles(),
        ttr.percentiles(),
        failures,
        steps,
        httpOut,
        apduOut,
        tls.percentiles(),
        byCode,
        byPoint,
        faultCount,
        unattributed,
        attempts == 0 ? 0 : lastDownload - firstDownload,
        stress);
  }

  /** A device across the run: its scenario and its name. */
  private static String device(EventPayload.StepStarted s) {
    return (s.scenario() == null ? "" : s.scenario()) + '\u0000' + s.device();
  }

  private static String key(String scenario, String step) {
    return (scenario == null ? "" : scenario) + '\u0000' + (step == null ? "" : step);
  }
}
