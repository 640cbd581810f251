package org.rspharness.load;

import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventSink;
import org.rspharness.core.event.OrderedSink;
import org.rspharness.scenario.kpi.KpiAccumulator;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.report.RunResult;

/**
 * The KPIs of a load run computed as its events happen, in memory bounded by its devices and
 * concurrency (never by its length): events are put back in sequence order ({@link OrderedSink})
 * and fed to a {@link KpiAccumulator}, the same computation {@link Kpis#of} runs over an events
 * file. Besides, it keeps the few events the run's verdict needs: the first activation step and the
 * stage steps ({@link RunResult#STAGE}).
 */
public final class LoadKpis implements EventSink {

  private final KpiAccumulator kpis;
  private final OrderedSink ordered;
  private final List<Event> verdict = new ArrayList<>();
  private boolean sawLoadStep;
  private Kpis result;

  private LoadKpis(EventLog log, boolean apduBreakdown) {
    this.kpis = new KpiAccumulator(apduBreakdown);
    this.ordered = OrderedSink.from(log, this::ordered);
  }

  /**
   * Adds to {@code log} a sink computing the KPIs of what it emits from now on; with {@code
   * apduBreakdown} false, APDUs are ignored (no per-ES10 latency).
   */
  public static LoadKpis attach(EventLog log, boolean apduBreakdown) {
    LoadKpis k = new LoadKpis(log, apduBreakdown);
    log.addSink(k);
    return k;
  }

  @Override
  public void accept(Event e) {
    ordered.accept(e);
  }

  // called in sequence order, under the ordered sink's lock
  private void ordered(Event e) {
    kpis.accept(e);
    EventPayload p = e.payload();
    String scenario =
        p instanceof EventPayload.StepStarted s
            ? s.scenario()
            : p instanceof EventPayload.StepFinished f ? f.scenario() : null;
    String step =
        p instanceof EventPayload.StepStarted s
            ? s.step()
            : p instanceof EventPayload.StepFinished f ? f.step() : null;
    if (RunResult.LOAD.equals(scenario)) {
      if (step != null && step.startsWith(RunResult.STAGE)) {
        verdict.add(e);
      } else if (!sawLoadStep && p instanceof EventPayload.StepStarted) {
        sawLoadStep = true;
        verdict.add(e);
      }
    }
  }

  /** The KPIs of the run; later events are ignored. */
  public synchronized Kpis finish() {
    if (result == null) {
      ordered.close();
      result = kpis.finish();
    }
    return result;
  }

  /** The events that decide the verdict of a load run with these KPIs (see the class comment). */
  public synchronized List<Event> verdictEvents() {
    return List.copyOf(verdict);
  }
}
