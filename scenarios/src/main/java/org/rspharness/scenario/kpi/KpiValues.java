package org.rspharness.scenario.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The KPIs of a run as one flat, ordered list of named values: what the console table, the HTML
 * report, summary.json, the JUnit XML and the Prometheus metrics all print, so that they cannot
 * disagree. Values are in the KPI's base unit (a ratio 0..1, seconds, or a count); a KPI the run
 * did not measure has a null value and says why in its text.
 *
 * @param entries the values, in a fixed order
 * @param stress what stress the run applied (see {@link Kpis#stress()})
 */
public record KpiValues(List<Entry> entries, List<String> stress) {

  public KpiValues {
    entries = List.copyOf(entries);
    stress = List.copyOf(stress);
  }

  /**
   * One KPI.
   *
   * @param name its name, e.g. {@code successRate}, {@code timeToActivate.p95}, {@code
   *     failures.byCode.8.2.7/3.8}
   * @param label what people read in tables
   * @param value the value in its base unit, or null when not measured
   * @param text the value as people read it ({@code 97.5 %}, {@code 1.20s}, {@code 12}, or {@code
   *     not measured (...)})
   */
  public record Entry(String name, String label, Double value, String text) {}

  /** The value named {@code name}, or null when absent or not measured. */
  public Double get(String name) {
    for (Entry e : entries) {
      if (e.name().equals(name)) {
        return e.value();
      }
    }
    return null;
  }

  /** The KPIs of {@code k}. */
  public static KpiValues of(Kpis k) {
    List<Entry> out = new ArrayList<>();
    count(out, "devices", "devices", k.devices());
    count(out, "activations", "activations", k.activations());
    count(out, "activations.success", "  successful", k.activationSuccesses());
    count(out, "activations.failure", "  failed", k.activationFailures());
    count(out, "activations.expectedFailure", "  expected failures", k.expectedFailures());
    double rate = k.successRate();
    out.add(
        new Entry(
            "successRate",
            "success rate",
            Double.isNaN(rate) ? null : rate,
            Double.isNaN(rate) ? "not measured (no activation)" : KpiTable.percent(rate)));
    count(out, "attempts", "download attempts", k.downloadAttempts());
    count(out, "attempts.success", "  successful", k.downloadSuccesses());
    count(out, "attempts.failure", "  failed", k.failedAttempts() - k.expectedFailedAttempts());
    count(out, "attempts.expectedFailure", "  failed as expected", k.expectedFailedAttempts());
    count(out, "retries", "retries", k.retries());
    distribution(out, "timeToActivate", "time to activate", k.timeToActivate(), "no activation");
    count(out, "failuresToRecover", "failures to recover from", k.failuresToRecover());
    count(out, "recoveries", "  recovered", k.recovered());
    count(out, "unrecovered", "  not recovered", k.unrecovered());
    String noRecovery = k.nothingFailed() ? "nothing failed" : "no failure recovered";
    Long mttr = k.mttrNanos();
    out.add(
        new Entry(
            "mttr",
            "MTTR",
            mttr == null ? null : mttr / 1e9,
            mttr == null ? "not measured (" + noRecovery + ")" : KpiTable.time(mttr)));
    distribution(out, "timeToRecover", "time to recover", k.timeToRecover(), noRecovery);
    for (Map.Entry<String, Integer> e : k.failuresByStatusCode().entrySet()) {
      count(
          out,
          "failures.byCode." + e.getKey(),
          "failed attempts " + named(e.getKey()),
          e.getValue());
    }
    for (Map.Entry<String, Integer> e : k.failuresByInterruptionPoint().entrySet()) {
      count(out, "failures.byPoint." + e.getKey(), "interrupted at " + e.getKey(), e.getValue());
    }
    count(out, "faults", "faults injected", k.faults());
    return new KpiValues(out, k.stress());
  }

  /** A status code with its SGP.22 meaning, e.g. {@code 8.2.6/3.8 refused}, when it has one. */
  private static String named(String code) {
    String[] sr = code.split("/", 2);
    return sr.length == 2
        ? org.rspharness.core.status.StatusCodes.find(sr[0], sr[1])
            .map(c -> code + " " + c.meaning())
            .orElse(code)
        : code;
  }

  private static void count(List<Entry> out, String name, String label, long n) {
    out.add(new Entry(name, label, (double) n, Long.toString(n)));
  }

  private static void distribution(
      List<Entry> out, String name, String label, Percentiles p, String whyEmpty) {
    for (String stat : List.of("p50", "p90", "p95", "p99", "max", "mean")) {
      String l = label + " " + stat;
      if (p.isEmpty()) {
        out.add(new Entry(name + "." + stat, l, null, "not measured (" + whyEmpty + ")"));
      } else {
        double ns = p.get(stat);
        out.add(new Entry(name + "." + stat, l, ns / 1e9, KpiTable.time(Math.round(ns))));
      }
    }
  }

  /** A value as a plain decimal number (what JSON, JUnit and metrics carry), or "NaN". */
  public static String number(Double v) {
    if (v == null) {
      return "NaN";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString(v.longValue())
        : String.format(Locale.ROOT, "%.9g", v);
  }
}
