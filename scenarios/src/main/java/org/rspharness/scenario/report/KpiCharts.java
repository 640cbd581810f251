package org.rspharness.scenario.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rspharness.core.event.Event;
import org.rspharness.scenario.kpi.KpiTable;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.kpi.Percentiles;

/**
 * The KPI charts of a run for the HTML report, from its events and their {@link Kpis}: the
 * time-to-activate histogram, time to activate (p50, p95) and the download success rate per
 * interval of the run, failed downloads by status code and by interruption point, and the latency
 * of each ES9+/ES2+ function and ES10 command (p50, p95, max).
 *
 * <p><b>Histogram buckets</b>: a round width (1, 2 or 5 times a power of ten, in ns) of about (max
 * - min) / B where B = ceil(sqrt(n)) clamped to 5..20 for n samples; bucket k holds the samples in
 * [k * width, (k + 1) * width), from the bucket of the smallest sample to that of the largest.
 *
 * <p><b>Intervals</b>: the run from the first download start to the last download or activation
 * end, cut into min({@value #INTERVALS}, download attempts) equal intervals; an activation belongs
 * to the interval of its end, a download attempt to the interval of its end. Percentiles are
 * nearest-rank.
 *
 * <p>With too little data for a chart (no sample, one, or all equal) a chart is a line of text
 * instead, e.g. "1 activation: 1.20 s".
 */
public final class KpiCharts {

  /** The most intervals the run is cut into for the charts over time. */
  public static final int INTERVALS = 10;

  private KpiCharts() {}

  /** The charts, in the order the report shows them. */
  public static List<KpiChart> of(List<Event> events, Kpis kpis) {
    Kpis.Timeline t = Kpis.timeline(events);
    List<KpiChart> out = new ArrayList<>();
    if (t.downloads().isEmpty()) {
      out.add(KpiChart.text("Downloads", "No profile download in this run."));
    } else {
      out.add(histogram(t));
      out.addAll(overTime(t));
      out.addAll(failures(kpis));
    }
    latency(out, "ES9+/ES2+ function latency", kpis.httpByFunction());
    latency(out, "ES10 command latency", kpis.apduByCommand());
    return out;
  }

  // ------------------------------------------------------------------------------ histogram

  static KpiChart histogram(Kpis.Timeline t) {
    String title = "Time to activate";
    long[] samples = t.activations().stream().mapToLong(Kpis.Activation::nanos).toArray();
    if (samples.length == 0) {
      return KpiChart.text(
          title,
          "No activation: " + count(t.downloads().size(), "download attempt") + ", none ok.");
    }
    if (samples.length == 1) {
      return KpiChart.text(title, "1 activation: " + seconds(samples[0]) + ".");
    }
    Arrays.sort(samples);
    long min = samples[0];
    long max = samples[samples.length - 1];
    if (min == max) {
      return KpiChart.text(
          title, samples.length + " activations, each " + seconds(min) + " (no spread to chart).");
    }
    int target = (int) Math.min(20, Math.max(5, Math.ceil(Math.sqrt(samples.length))));
    long width = niceWidth(Math.max(1, (max - min) / target));
    long first = min / width;
    long last = max / width;
    int[] counts = new int[(int) (last - first + 1)];
    for (long s : samples) {
      counts[(int) (s / width - first)]++;
    }
    boolean inSeconds = width >= 1_000_000_000L / 10 && max >= 1_000_000_000L;
    double unit = inSeconds ? 1e9 : 1e6;
    List<KpiChart.Row> rows = new ArrayList<>();
    for (int k = 0; k < counts.length; k++) {
      long lo = (first + k) * width;
      rows.add(
          KpiChart.Row.of(
              Charts.number(lo / unit) + "\u2013" + Charts.number((lo + width) / unit), counts[k]));
    }
    Percentiles p = Percentiles.of(samples);
    return new KpiChart(
        title + " histogram (" + samples.length + " activations)",
        inSeconds ? "s" : "ms",
        rows,
        KpiChart.Kind.HISTOGRAM,
        List.of(),
        "p50 "
            + KpiTable.time(p.p50())
            + ", p95 "
            + KpiTable.time(p.p95())
            + ", max "
            + KpiTable.time(p.max()));
  }

  /** The smallest width 1, 2 or 5 times a power of ten that is at least {@code raw} ns. */
  static long niceWidth(long raw) {
    long magnitude = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * magnitude >= raw) {
          return m * magnitude;
        }
      }
      magnitude *= 10;
    }
  }

  // ------------------------------------------------------------------------------ over time

  static List<KpiChart> overTime(Kpis.Timeline t) {
    List<Kpis.Attempt> downloads = t.downloads();
    int n = Math.min(INTERVALS, downloads.size());
    if (n < 2) {
      Kpis.Attempt a = downloads.get(0);
      return List.of(
          KpiChart.text(
              "Downloads over time",
              "1 download: "
                  + seconds(a.endNanos() - a.startNanos())
                  + (a.ok()
                      ? ", ok."
                      : ", failed" + (a.statusCode() == null ? "" : " " + a.statusCode()) + ".")));
    }
    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    for (Kpis.Attempt a : downloads) {
      t0 = Math.min(t0, a.startNanos());
      t1 = Math.max(t1, a.endNanos());
    }
    for (Kpis.Activation a : t.activations()) {
      t1 = Math.max(t1, a.endNanos());
    }
    long span = Math.max(1, t1 - t0);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels.add(Charts.compact(span * (i + 1) / n));
    }
    int[] attempts = new int[n];
    int[] ok = new int[n];
    for (Kpis.Attempt a : downloads) {
      int i = interval(a.endNanos(), t0, span, n);
      attempts[i]++;
      if (a.ok()) {
        ok[i]++;
      }
    }
    List<List<Long>> tta = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tta.add(new ArrayList<>());
    }
    long maxTta = 0;
    for (Kpis.Activation a : t.activations()) {
      tta.get(interval(a.endNanos(), t0, span, n)).add(a.nanos());
      maxTta = Math.max(maxTta, a.nanos());
    }
    List<KpiChart> out = new ArrayList<>();
    String axis = "interval ends " + Charts.compact(span / n) + " apart";
    if (!t.activations().isEmpty()) {
      boolean inSeconds = maxTta >= 1_000_000_000L;
      double unit = inSeconds ? 1e9 : 1e6;
      List<Double> p50 = new ArrayList<>();
      List<Double> p95 = new ArrayList<>();
      for (List<Long> samples : tta) {
        if (samples.isEmpty()) {
          p50.add(Double.NaN);
          p95.add(Double.NaN);
        } else {
          Percentiles p = Percentiles.of(samples.stream().mapToLong(Long::longValue).toArray());
          p50.add(p.p50() / unit);
          p95.add(p.p95() / unit);
        }
      }
      out.add(
          new KpiChart(
              "Time to activate per interval (by end of activation)",
              inSeconds ? "s" : "ms",
              List.of(new KpiChart.Row("p50", p50), new KpiChart.Row("p95", p95)),
              KpiChart.Kind.SERIES,
              labels,
              axis + "; an interval without activation is a gap"));
    }
    List<Double> rate = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rate.add(attempts[i] == 0 ? Double.NaN : 100.0 * ok[i] / attempts[i]);
    }
    int total = downloads.size();
    long okTotal = downloads.stream().filter(Kpis.Attempt::ok).count();
    out.add(
        new KpiChart(
            "Download success rate per interval (by end of attempt)",
            "%",
            List.of(new KpiChart.Row("success", rate)),
            KpiChart.Kind.SERIES,
            labels,
            String.format(
                Locale.ROOT,
                "%s; overall %d of %d ok (%s)",
                axis,
                okTotal,
                total,
                KpiTable.percent((double) okTotal / total))));
    return out;
  }

  private static int interval(long nanos, long t0, long span, int n) {
    long i = (nanos - t0) * n / span;
    return (int) Math.max(0, Math.min(n - 1, i));
  }

  // ------------------------------------------------------------------------------- failures

  static List<KpiChart> failures(Kpis k) {
    int failed = k.failedAttempts();
    if (failed == 0) {
      return List.of(
          KpiChart.text(
              "Failed downloads",
              "None: " + count(k.downloadAttempts(), "download attempt") + ", all ok."));
    }
    return List.of(
        counts("Failed downloads by status code", k.failuresByStatusCode(), failed),
        counts("Failed downloads by interruption point", k.failuresByInterruptionPoint(), failed));
  }

  private static KpiChart counts(String title, Map<String, Integer> counts, int failed) {
    List<KpiChart.Row> rows = new ArrayList<>();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> rows.add(KpiChart.Row.of(e.getKey(), e.getValue())));
    return new KpiChart(
        title, "", rows, KpiChart.Kind.RANGES, List.of(), count(failed, "failed download"));
  }

  // -------------------------------------------------------------------------------- latency

  private static void latency(List<KpiChart> out, String title, Map<String, Percentiles> by) {
    if (by.isEmpty()) {
      return;
    }
    long max = by.values().stream().mapToLong(Percentiles::max).max().orElse(0);
    boolean inSeconds = max >= 10_000_000_000L;
    double unit = inSeconds ? 1e9 : 1e6;
    List<KpiChart.Row> rows = new ArrayList<>();
    by.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Percentiles p = e.getValue();
              rows.add(
                  new KpiChart.Row(
                      e.getKey() + " (n=" + p.count() + ")",
                      List.of(p.p50() / unit, p.p95() / unit, p.max() / unit)));
            });
    out.add(
        new KpiChart(
            title + " (p50, p95, max)",
            inSeconds ? "s" : "ms",
            rows,
            KpiChart.Kind.PERCENTILES,
            List.of(),
            null));
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  private static String count(long n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
