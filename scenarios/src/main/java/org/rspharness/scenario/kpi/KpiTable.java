package org.rspharness.scenario.kpi;

import java.util.Locale;
import java.util.Map;

/** The KPIs of a run as a plain-text table for a terminal. */
public final class KpiTable {

  private KpiTable() {}

  /** The table, lines ending in '\n'. */
  public static String render(Kpis k) {
    StringBuilder sb = new StringBuilder();
    sb.append("KPIs (an activation ends with the successful ")
        .append(k.activationEnd())
        .append(")\n");
    row(sb, "devices", Integer.toString(k.devices()));
    row(sb, "download attempts", Integer.toString(k.downloadAttempts()));
    row(sb, "successful downloads", k.downloadSuccesses() + " (" + percent(k.successRate()) + ")");
    row(sb, "retries per success", number(k.retriesPerSuccess()));
    row(sb, "downloads/s", number(k.downloadsPerSecond()) + " over " + time(k.spanNanos()));
    row(sb, "time to activate", dist(k.timeToActivate()));
    row(
        sb,
        "MTTR",
        (k.mttrNanos() == null ? "-" : time(k.mttrNanos()))
            + " ("
            + k.recoveredDevices()
            + " recovered, "
            + k.unrecoveredDevices()
            + " not recovered)");
    counts(sb, "failures by status code", named(k.failuresByStatusCode()));
    counts(sb, "failures by interruption point", k.failuresByInterruptionPoint());
    if (k.faults() > 0) {
      row(sb, "faults injected", k.faults() + " (" + k.unattributedFaults() + " unattributed)");
    }
    sb.append("latency (nearest-rank percentiles)\n");
    k.stepsByAction().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> row(sb, "step " + e.getKey(), dist(e.getValue())));
    k.httpByFunction().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> row(sb, "http " + e.getKey(), dist(e.getValue())));
    k.apduByCommand().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> row(sb, "apdu " + e.getKey(), dist(e.getValue())));
    if (!k.tlsHandshake().isEmpty()) {
      row(sb, "tls handshake", dist(k.tlsHandshake()));
    }
    return sb.toString();
  }

  /** SGP.22 codes with their meaning: {@code 8.2.6/3.8 matchingId refused}. */
  private static Map<String, Integer> named(Map<String, Integer> byCode) {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    byCode.forEach(
        (code, n) -> {
          String[] sr = code.split("/", 2);
          String label =
              sr.length == 2
                  ? org.rspharness.core.status.StatusCodes.find(sr[0], sr[1])
                      .map(c -> code + " " + c.meaning())
                      .orElse(code)
                  : code;
          out.merge(label, n, Integer::sum);
        });
    return out;
  }

  private static void counts(StringBuilder sb, String label, Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return;
    }
    sb.append("  ").append(label).append('\n');
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> row(sb, "  " + e.getKey(), Integer.toString(e.getValue())));
  }

  private static void row(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "  %-36s %s%n", label, value).replace("\r\n", "\n"));
  }

  /** {@code p50 .. p90 .. p95 .. p99 .. max .. (n=..)}, or {@code -} when empty. */
  static String dist(Percentiles p) {
    if (p.isEmpty()) {
      return "-";
    }
    return "p50 "
        + time(p.p50())
        + "  p90 "
        + time(p.p90())
        + "  p95 "
        + time(p.p95())
        + "  p99 "
        + time(p.p99())
        + "  max "
        + time(p.max())
        + "  (n="
        + p.count()
        + ")";
  }

  /** A time in nanoseconds: {@code 0.42ms}, {@code 123.4ms}, {@code 12.35s}. */
  public static String time(long nanos) {
    double ms = nanos / 1e6;
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2fms", ms);
    }
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1fms", ms);
    }
    return String.format(Locale.ROOT, "%.2fs", ms / 1000);
  }

  /** A ratio as a percentage, {@code -} for NaN. */
  public static String percent(double ratio) {
    return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }
}
