package org.rspharness.scenario.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.event.Event;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.KpiValues;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.kpi.Threshold;

/**
 * The run summary as JSON for machines, format version {@value #VERSION}:
 *
 * <pre>
 * {"version":1, "result":"PASSED"|"FAILED"|"EMPTY", "scenarios":n, "passed":n, "failed":n,
 *  "durationNanos":n, "start":"ISO instant"|null, "events":n, "unattributedEvents":n,
 *  "scenarioResults":[{"name", "result", "durationNanos", "startNanos", "endNanos",
 *     "httpExchanges", "apdus", "faults",
 *     "firstFailure": null | {"step", "status", "statusCode", "message", "line", "failingEvent"},
 *     "steps":[{"name", "status", "durationNanos", "startNanos", "statusCode", "message"}]}],
 *  "acceptance": null | {"name", "networkProfile", "result":"PASSED"|"FAILED",
 *     "checks":[{"kpi", "min", "max", "limit", "measured", "measuredText", "result":"PASS"|"FAIL"}]},
 *  "why": ["what failed the run", ...], "stress": ["what stress ran", ...],
 *  "lpaBehaviours": ["load|DEVICE: preset (settings)", ...] (a load's, a device's when not spec),
 *  "kpis": {"successRate": 0.97 | null, "timeToActivate.p95": 1.2, ...}}
 * </pre>
 *
 * <p>{@code result} is the run's one verdict ({@link RunResult}: scenarios, stage gates and
 * acceptance together), the same as the command's exit code; {@code kpis} are the {@link KpiValues}
 * every other report prints (null: not measured).
 *
 * <p>In {@code checks}, {@code min}, {@code max} and {@code measured} are in the KPI's base unit (a
 * ratio 0..1, seconds, or a number; null when absent or not measured); {@code limit} and {@code
 * measuredText} are the same as people read them ({@code >= 95.0 %}, {@code 1.2s}).
 *
 * <p>Times are nanoseconds on the run's monotonic clock (since the event log started); members
 * never disappear (absent values are {@code null}), so consumers can rely on the shape.
 */
public final class JsonSummaryReport {

  /** The format version, written as {@code version}. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonSummaryReport() {}

  /** The summary as a JSON tree, {@code acceptance} null. */
  public static ObjectNode toTree(RunSummary run) {
    return toTree(run, null);
  }

  /** The summary as a JSON tree with the acceptance verdict ({@code verdict} may be null). */
  public static ObjectNode toTree(RunSummary run, Acceptance.Verdict verdict) {
    List<Event> all = new ArrayList<>();
    run.scenarios().forEach(s -> all.addAll(s.events()));
    return toTree(new RunResult(run, Kpis.of(all), verdict));
  }

  /** The summary of a run's one result. */
  public static ObjectNode toTree(RunResult result) {
    RunSummary run = result.run();
    Acceptance.Verdict verdict = result.acceptance();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    root.put("result", result.result());
    root.put("scenarios", run.scenarios().size());
    root.put("passed", run.passed());
    root.put("failed", run.failed());
    root.put("durationNanos", run.durationNanos());
    root.put("start", run.startWall() == null ? null : run.startWall().toString());
    root.put("events", run.eventCount());
    root.put("unattributedEvents", run.unattributedEvents());
    root.put("deviations", run.deviations().stream().mapToInt(DeviationFinding::count).sum());
    ArrayNode list = root.putArray("scenarioResults");
    for (ScenarioSummary s : run.scenarios()) {
      ObjectNode n = list.addObject();
      n.put("name", s.name());
      n.put("result", s.result().name());
      n.put("durationNanos", s.durationNanos());
      n.put("startNanos", s.startNanos());
      n.put("endNanos", s.endNanos());
      n.put("httpExchanges", s.httpExchanges());
      n.put("apdus", s.apdus());
      n.put("faults", s.faults());
      ArrayNode devs = n.putArray("deviations");
      for (DeviationFinding d : s.deviations()) {
        ObjectNode dn = devs.addObject();
        dn.put("who", d.who());
        dn.put("clause", d.clause());
        dn.put("rule", d.rule());
        dn.put("observed", d.observed());
        dn.put("limit", d.limit());
        dn.put("observer", d.observer());
        dn.put("tolerated", d.tolerated());
        dn.put("count", d.count());
      }
      StepSummary f = s.firstFailure();
      if (f == null) {
        n.putNull("firstFailure");
      } else {
        ObjectNode fn = n.putObject("firstFailure");
        fn.put("step", f.name());
        fn.put("status", f.status().name());
        fn.put("statusCode", f.statusCode());
        fn.put("message", f.message());
        fn.put("line", f.oneLine());
        Event blamed = EventText.failingExchange(s);
        fn.put("failingEvent", blamed == null ? null : EventText.what(blamed));
      }
      ArrayNode steps = n.putArray("steps");
      for (StepSummary step : s.steps()) {
        ObjectNode sn = steps.addObject();
        sn.put("name", step.name());
        sn.put("status", step.status().name());
        sn.put("durationNanos", step.durationNanos());
        sn.put("startNanos", step.startNanos());
        sn.put("statusCode", step.statusCode());
        sn.put("message", step.message());
      }
    }
    if (verdict == null) {
      root.putNull("acceptance");
    } else {
      ObjectNode a = root.putObject("acceptance");
      a.put("name", verdict.acceptance().name());
      a.put("networkProfile", verdict.acceptance().networkProfile());
      a.put("result", verdict.passed() ? "PASSED" : "FAILED");
      ArrayNode checks = a.putArray("checks");
      for (Acceptance.Check c : verdict.checks()) {
        Threshold t = c.threshold();
        ObjectNode cn = checks.addObject();
        cn.put("kpi", t.kpi());
        cn.put("min", t.min());
        cn.put("max", t.max());
        cn.put("limit", t.limits());
        if (c.measured().isPresent()) {
          cn.put("measured", c.measured().getAsDouble());
        } else {
          cn.putNull("measured");
        }
        cn.put("measuredText", c.measuredText());
        cn.put("result", c.passed() ? "PASS" : "FAIL");
      }
    }
    ArrayNode why = root.putArray("why");
    result.failures().forEach(why::add);
    KpiValues values = KpiValues.of(result.kpis());
    ArrayNode stress = root.putArray("stress");
    values.stress().forEach(stress::add);
    ArrayNode behaviours = root.putArray("lpaBehaviours");
    run.lpaBehaviours().forEach(behaviours::add);
    ObjectNode kpis = root.putObject("kpis");
    for (KpiValues.Entry e : values.entries()) {
      if (e.value() == null) {
        kpis.putNull(e.name());
      } else {
        kpis.put(e.name(), e.value());
      }
    }
    return root;
  }

  /** {@link #toTree(RunResult)} as indented JSON. */
  public static String render(RunResult result) {
    try {
      return MAPPER.writeValueAsString(toTree(result)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary not serialisable", e);
    }
  }

  /** Writes {@link #render(RunResult)}, UTF-8, to {@code file}. */
  public static void write(RunResult result, Path file) throws IOException {
    Files.writeString(file, render(result), StandardCharsets.UTF_8);
  }

  /** The summary as indented JSON text. */
  public static String render(RunSummary run) {
    return render(run, null);
  }

  /** The summary with the acceptance verdict ({@code verdict} may be null) as indented JSON. */
  public static String render(RunSummary run, Acceptance.Verdict verdict) {
    try {
      return MAPPER.writeValueAsString(toTree(run, verdict)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary not serialisable", e);
    }
  }

  /** Writes the summary, UTF-8, to {@code file}. */
  public static void write(RunSummary run, Path file) throws IOException {
    write(run, null, file);
  }

  /** Writes the summary with the acceptance verdict (may be null), UTF-8, to {@code file}. */
  public static void write(RunSummary run, Acceptance.Verdict verdict, Path file)
      throws IOException {
    Files.writeString(file, render(run, verdict), StandardCharsets.UTF_8);
  }
}
