package org.rspharness.scenario.report;

import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.event.Event;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.Kpis;

/**
 * The one verdict of a run, computed from its events (and the acceptance criteria, when given):
 * what the exit code, the console, summary.json, the JUnit XML and the HTML report all say.
 *
 * <p>A scenario run passes when every scenario passed and every acceptance threshold is met. A load
 * run (its only scenario is {@value #LOAD}) measures rather than asserts: single downloads may fail
 * under stress; it passes when at least one activation ran, every stage gate ({@code stage:NAME}
 * steps) held and every acceptance threshold is met.
 *
 * @param run the run's scenarios and steps
 * @param kpis the run's KPIs
 * @param acceptance the acceptance verdict, or null without criteria
 */
public record RunResult(RunSummary run, Kpis kpis, Acceptance.Verdict acceptance) {

  /** The scenario name of a load run's steps. */
  public static final String LOAD = "load";

  /** The step-name prefix of a staged rollout's stages. */
  public static final String STAGE = "stage:";

  /** The result of {@code events} judged against {@code criteria} (may be null). */
  public static RunResult of(List<Event> events, Acceptance criteria) {
    RunSummary run = RunSummary.of(events);
    Kpis kpis = Kpis.of(events);
    return new RunResult(run, kpis, criteria == null ? null : criteria.evaluate(kpis));
  }

  /**
   * The result of a run whose KPIs were computed as it went ({@code org.rspharness.load.LoadKpis}):
   * {@code stepEvents} are the step events the verdict reads (at least one of each scenario).
   */
  public static RunResult of(List<Event> stepEvents, Kpis kpis, Acceptance criteria) {
    return new RunResult(
        RunSummary.of(stepEvents), kpis, criteria == null ? null : criteria.evaluate(kpis));
  }

  /** True for a load run. */
  public boolean loadRun() {
    return !run.scenarios().isEmpty()
        && run.scenarios().stream().allMatch(s -> s.name().equals(LOAD));
  }

  /** Why the run failed, one line each; empty when it passed. */
  public List<String> failures() {
    List<String> out = new ArrayList<>();
    if (run.scenarios().isEmpty()) {
      out.add("no scenario and no activation in the events");
      return out;
    }
    if (loadRun()) {
      if (kpis.activations() == 0) {
        out.add("no activation ran");
      }
      for (ScenarioSummary s : run.scenarios()) {
        for (StepSummary step : s.steps()) {
          if (step.name().startsWith(STAGE) && !step.ok()) {
            out.add(step.name() + ": " + step.message());
          }
        }
      }
    } else {
      for (ScenarioSummary s : run.scenarios()) {
        s.failure().ifPresent(f -> out.add(s.name() + ": " + f.oneLine()));
      }
    }
    if (acceptance != null && !acceptance.passed()) {
      for (Acceptance.Check c : acceptance.checks()) {
        if (!c.passed()) {
          out.add("acceptance '" + acceptance.acceptance().name() + "': " + c.describe());
        }
      }
    }
    return out;
  }

  /** True when the run passed. */
  public boolean passed() {
    return failures().isEmpty();
  }

  /** {@code PASSED}, {@code FAILED} or {@code EMPTY} (no scenario at all). */
  public String result() {
    return run.scenarios().isEmpty() ? "EMPTY" : passed() ? "PASSED" : "FAILED";
  }

  /** The exit code: 0 passed, 1 failed. */
  public int exitCode() {
    return passed() ? 0 : 1;
  }
}
