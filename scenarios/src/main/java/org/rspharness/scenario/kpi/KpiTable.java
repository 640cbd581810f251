package org.rspharness.scenario.kpi;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The KPIs of a run as a plain-text table for a terminal. */
public final class KpiTable {

  private KpiTable() {}

  /**
   * The table, lines ending in '\n': the stress the run applied, then every {@link KpiValues} entry
   * (a distribution's statistics on one line), then the latency breakdown.
   */
  public static String render(Kpis k) {
    StringBuilder sb = new StringBuilder();
    KpiValues values = KpiValues.of(k);
    sb.append("KPIs (defined in the README, section \"KPI definitions\")\n");
    if (values.stress().isEmpty()) {
      row(sb, "stress", "none (no network profile, no fault rules)");
    }
    for (String s : values.stress()) {
      row(sb, "stress", s);
    }
    List<KpiValues.Entry> entries = values.entries();
    for (int i = 0; i < entries.size(); i++) {
      KpiValues.Entry e = entries.get(i);
      int dot = e.name().lastIndexOf('.');
      boolean distribution =
          dot > 0 && e.name().substring(dot + 1).equals("p50") && !e.name().startsWith("failures");
      if (!distribution) {
        row(sb, e.label(), e.text());
        continue;
      }
      String label = e.label().substring(0, e.label().length() - " p50".length());
      if (e.value() == null) {
        row(sb, label, e.text());
      } else {
        StringBuilder line = new StringBuilder();
        for (int j = i; j < i + 6; j++) {
          KpiValues.Entry s = entries.get(j);
          line.append(j == i ? "" : "  ")
              .append(s.name().substring(s.name().lastIndexOf('.') + 1))
              .append(' ')
              .append(s.text());
        }
        row(sb, label, line.toString());
      }
      i += 5;
    }
    if (k.faults() > 0 && k.unattributedFaults() > 0) {
      row(sb, "faults not attributed to an attempt", Integer.toString(k.unattributedFaults()));
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
}
