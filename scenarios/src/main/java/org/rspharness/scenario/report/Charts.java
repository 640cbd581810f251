package org.rspharness.scenario.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rspharness.scenario.kpi.Percentiles;

/**
 * Timing charts of the HTML report as inline SVG (no script, no library): bars of durations with
 * the steps drawn as segments, and ranges (min to max, median marked) of exchange durations. Each
 * shape has a {@code <title>} so hovering shows its exact numbers.
 */
final class Charts {

  private static final int WIDTH = 960;
  private static final int LABEL = 230;
  private static final int RIGHT = 130;
  private static final int ROW = 22;
  private static final int TOP = 24;
  // KPI rows carry longer value texts (n, median, p95, max) right of the bars
  private static final double KPI_AREA = WIDTH - LABEL - 240;

  private Charts() {}

  /** One bar of a Gantt-like chart: a span with segments inside it. */
  record Bar(String label, String cls, long start, long end, List<Segment> segments, String note) {}

  /** One segment of a bar (a step), positioned on the same time axis. */
  record Segment(String label, String cls, long start, long end) {}

  /** A range row: min, median and max of a set of durations. */
  record Range(String label, int count, long min, long median, long max) {}

  /**
   * Bars on a shared time axis from 0 to {@code axisEnd} nanoseconds; {@code chartClass} names the
   * chart for tests and styling.
   */
  static void bars(StringBuilder out, String chartClass, String caption, List<Bar> bars) {
    long axisEnd = 1;
    for (Bar b : bars) {
      axisEnd = Math.max(axisEnd, b.end());
    }
    int height = TOP + ROW * bars.size() + 8;
    open(out, chartClass, caption, height);
    axis(out, axisEnd, height);
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = TOP + i * ROW;
      label(out, y, b.label());
      double x0 = x(b.start(), axisEnd);
      double x1 = Math.max(x0 + 1, x(b.end(), axisEnd));
      out.append("<rect class=\"span ")
          .append(b.cls())
          .append("\" x=\"")
          .append(f(x0))
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(f(x1 - x0))
          .append("\" height=\"")
          .append(ROW - 6)
          .append("\"><title>")
          .append(Text.html(b.label() + ": " + Text.millis(b.end() - b.start())))
          .append("</title></rect>");
      for (Segment s : b.segments()) {
        double s0 = x(s.start(), axisEnd);
        double s1 = Math.max(s0 + 1, x(s.end(), axisEnd));
        out.append("<rect class=\"seg ")
            .append(s.cls())
            .append("\" x=\"")
            .append(f(s0))
            .append("\" y=\"")
            .append(y + 6)
            .append("\" width=\"")
            .append(f(s1 - s0))
            .append("\" height=\"")
            .append(ROW - 12)
            .append("\"><title>")
            .append(Text.html(s.label() + ": " + Text.millis(s.end() - s.start())))
            .append("</title></rect>");
      }
      out.append("<text class=\"val\" x=\"")
          .append(f(x1 + 4))
          .append("\" y=\"")
          .append(y + ROW / 2 + 4)
          .append("\">")
          .append(Text.html(b.note()))
          .append("</text>");
    }
    out.append("</svg></figure>\n");
  }

  /** Rows of min..max ranges with the median marked, on an axis from 0 to the largest max. */
  static void ranges(StringBuilder out, String chartClass, String caption, List<Range> rows) {
    long axisEnd = 1;
    for (Range r : rows) {
      axisEnd = Math.max(axisEnd, r.max());
    }
    int height = TOP + ROW * rows.size() + 8;
    open(out, chartClass, caption, height);
    axis(out, axisEnd, height);
    for (int i = 0; i < rows.size(); i++) {
      Range r = rows.get(i);
      int y = TOP + i * ROW;
      label(out, y, r.label());
      double x0 = x(r.min(), axisEnd);
      double x1 = Math.max(x0 + 1, x(r.max(), axisEnd));
      double xm = x(r.median(), axisEnd);
      String title =
          r.label()
              + ": n="
              + r.count()
              + " min "
              + Text.millis(r.min())
              + " median "
              + Text.millis(r.median())
              + " max "
              + Text.millis(r.max());
      out.append("<g><title>").append(Text.html(title)).append("</title>");
      out.append("<rect class=\"range\" x=\"")
          .append(f(x0))
          .append("\" y=\"")
          .append(y + 6)
          .append("\" width=\"")
          .append(f(x1 - x0))
          .append("\" height=\"")
          .append(ROW - 12)
          .append("\"/>");
      out.append("<rect class=\"median\" x=\"")
          .append(f(Math.max(LABEL, xm - 1.5)))
          .append("\" y=\"")
          .append(y + 2)
          .append("\" width=\"3\" height=\"")
          .append(ROW - 4)
          .append("\"/></g>");
      out.append("<text class=\"val\" x=\"")
          .append(f(x1 + 4))
          .append("\" y=\"")
          .append(y + ROW / 2 + 4)
          .append("\">")
          .append(Text.html("n=" + r.count() + " med " + compact(r.median())))
          .append("</text>");
    }
    out.append("</svg></figure>\n");
  }

  /** Min, median (nearest rank) and max of each group of durations, rows in key order. */
  static List<Range> ranges(Map<String, List<Long>> groups) {
    List<Range> out = new ArrayList<>();
    for (Map.Entry<String, List<Long>> g : groups.entrySet()) {
      List<Long> v = new ArrayList<>(g.getValue());
      if (v.isEmpty()) {
        continue;
      }
      v.sort(null);
      out.add(
          new Range(
              g.getKey(),
              v.size(),
              v.get(0),
              v.get(Percentiles.index(v.size(), 50)),
              v.get(v.size() - 1)));
    }
    return out;
  }

  /** A KPI chart, drawn as its {@link KpiChart.Kind} says, then its note. */
  static void kpi(StringBuilder out, KpiChart chart) {
    switch (chart.kind()) {
      case RANGES -> ranges(out, chart);
      case PERCENTILES -> percentiles(out, chart);
      case HISTOGRAM -> histogram(out, chart);
      case SERIES -> series(out, chart);
      case TEXT -> {
        out.append("<figure class=\"chart kpi-text\"><figcaption>")
            .append(Text.html(chart.title()))
            .append("</figcaption><p class=\"kpi-note\">")
            .append(Text.html(chart.note()))
            .append("</p></figure>\n");
        return;
      }
    }
    if (chart.note() != null && !chart.note().isBlank()) {
      out.append("<p class=\"kpi-note\">").append(Text.html(chart.note())).append("</p>\n");
    }
  }

  private static String caption(KpiChart chart) {
    return chart.title() + (chart.unit().isEmpty() ? "" : " (" + chart.unit() + ")");
  }

  /** Rows of [p50, p95, max]: a bar to the median, a lighter one to p95, a whisker to max. */
  private static void percentiles(StringBuilder out, KpiChart chart) {
    double axisEnd = 0;
    for (KpiChart.Row r : chart.rows()) {
      axisEnd = Math.max(axisEnd, r.samples().get(2));
    }
    if (axisEnd <= 0) {
      axisEnd = 1;
    }
    int height = TOP + ROW * chart.rows().size() + 8;
    String unit = chart.unit().isEmpty() ? "" : " " + chart.unit();
    open(out, "kpi percentiles", caption(chart), height);
    valueAxis(out, axisEnd, height);
    double scale = KPI_AREA / axisEnd;
    for (int i = 0; i < chart.rows().size(); i++) {
      KpiChart.Row r = chart.rows().get(i);
      int y = TOP + i * ROW;
      label(out, y, r.label());
      double p50 = Math.max(0, r.samples().get(0));
      double p95 = Math.max(p50, r.samples().get(1));
      double max = Math.max(p95, r.samples().get(2));
      String text = "p50 " + number(p50) + " p95 " + number(p95) + " max " + number(max) + unit;
      out.append("<g><title>").append(Text.html(r.label() + ": " + text)).append("</title>");
      out.append("<line class=\"whisker\" x1=\"")
          .append(f(LABEL + p95 * scale))
          .append("\" y1=\"")
          .append(y + ROW / 2)
          .append("\" x2=\"")
          .append(f(LABEL + max * scale))
          .append("\" y2=\"")
          .append(y + ROW / 2)
          .append("\"/>");
      rect(out, "p95bar", LABEL, y + 4, Math.max(1, p95 * scale), ROW - 8);
      rect(out, "p50bar", LABEL, y + 4, Math.max(1, p50 * scale), ROW - 8);
      rect(out, "maxmark", LABEL + max * scale - 1, y + 3, 2, ROW - 6);
      out.append("</g>");
      valueText(out, LABEL + max * scale + 6, y, text);
    }
    out.append("</svg></figure>\n");
  }

  /** Buckets as columns, their counts above them and their ranges below. */
  private static void histogram(StringBuilder out, KpiChart chart) {
    int n = chart.rows().size();
    double top = 1;
    for (KpiChart.Row r : chart.rows()) {
      top = Math.max(top, r.samples().get(0));
    }
    int plot = 160;
    int height = TOP + plot + 36;
    open(out, "kpi histogram", caption(chart), height);
    double left = 60;
    double width = WIDTH - left - 20;
    double col = n == 0 ? width : width / n;
    int base = TOP + plot;
    out.append("<line class=\"grid\" x1=\"")
        .append(f(left))
        .append("\" y1=\"")
        .append(base)
        .append("\" x2=\"")
        .append(f(left + width))
        .append("\" y2=\"")
        .append(base)
        .append("\"/>");
    for (int i = 0; i < n; i++) {
      KpiChart.Row r = chart.rows().get(i);
      double count = r.samples().get(0);
      double h = plot * count / top;
      double x = left + i * col;
      out.append("<g><title>")
          .append(Text.html(r.label() + " " + chart.unit() + ": " + number(count)))
          .append("</title>");
      rect(out, "hbar", x + 1, base - h, Math.max(1, col - 2), h);
      out.append("</g>");
      out.append("<text class=\"tick\" x=\"")
          .append(f(x + col / 2))
          .append("\" y=\"")
          .append(f(base - h - 4))
          .append("\">")
          .append(Text.html(number(count)))
          .append("</text>");
      // bucket labels: all of them when there is room, else every other one
      if (n <= 12 || i % 2 == 0) {
        out.append("<text class=\"tick\" x=\"")
            .append(f(x + col / 2))
            .append("\" y=\"")
            .append(base + 16)
            .append("\">")
            .append(Text.html(r.label()))
            .append("</text>");
      }
    }
    out.append("</svg></figure>\n");
  }

  /** Series as lines over evenly spaced intervals; NaN values leave gaps. */
  private static void series(StringBuilder out, KpiChart chart) {
    int n = chart.xLabels().size();
    double top = 0;
    for (KpiChart.Row r : chart.rows()) {
      for (double v : r.samples()) {
        if (!Double.isNaN(v)) {
          top = Math.max(top, v);
        }
      }
    }
    if (chart.unit().equals("%")) {
      top = 100;
    }
    if (top <= 0) {
      top = 1;
    }
    double step = niceStep(top);
    top = Math.ceil(top / step - 1e-9) * step;
    int plot = 160;
    int height = TOP + plot + 40;
    open(out, "kpi series", caption(chart), height);
    double left = 60;
    double width = WIDTH - left - 120;
    int base = TOP + plot;
    for (double t = 0; t <= top * 1.000001; t += step) {
      double y = base - plot * t / top;
      out.append("<line class=\"grid\" x1=\"")
          .append(f(left))
          .append("\" y1=\"")
          .append(f(y))
          .append("\" x2=\"")
          .append(f(left + width))
          .append("\" y2=\"")
          .append(f(y))
          .append("\"/><text class=\"lbl\" x=\"")
          .append(f(left - 6))
          .append("\" y=\"")
          .append(f(y + 4))
          .append("\">")
          .append(Text.html(number(t)))
          .append("</text>");
    }
    double col = width / Math.max(1, n);
    for (int i = 0; i < n; i++) {
      if (n <= 12 || i % 2 == 0) {
        out.append("<text class=\"tick\" x=\"")
            .append(f(left + col * (i + 0.5)))
            .append("\" y=\"")
            .append(base + 16)
            .append("\">")
            .append(Text.html(chart.xLabels().get(i)))
            .append("</text>");
      }
    }
    for (int s = 0; s < chart.rows().size(); s++) {
      KpiChart.Row r = chart.rows().get(s);
      String cls = "s" + (s % 4);
      StringBuilder points = new StringBuilder();
      int count = 0;
      for (int i = 0; i <= n; i++) {
        double v = i < n ? r.samples().get(i) : Double.NaN;
        if (Double.isNaN(v)) {
          if (count >= 2) {
            out.append("<polyline class=\"line ")
                .append(cls)
                .append("\" points=\"")
                .append(points.toString().trim())
                .append("\"/>");
          }
          points.setLength(0);
          count = 0;
          continue;
        }
        count++;
        points.append(f(left + col * (i + 0.5))).append(',').append(f(base - plot * v / top));
        points.append(' ');
      }
      for (int i = 0; i < n; i++) {
        double v = r.samples().get(i);
        if (Double.isNaN(v)) {
          continue;
        }
        out.append("<circle class=\"pt ")
            .append(cls)
            .append("\" cx=\"")
            .append(f(left + col * (i + 0.5)))
            .append("\" cy=\"")
            .append(f(base - plot * v / top))
            .append("\" r=\"3\"><title>")
            .append(
                Text.html(
                    r.label()
                        + " "
                        + chart.xLabels().get(i)
                        + ": "
                        + number(v)
                        + " "
                        + chart.unit()))
            .append("</title></circle>");
      }
      // legend, right of the plot
      int ly = TOP + 4 + s * 16;
      rect(out, "legend " + cls, left + width + 12, ly - 8, 10, 10);
      out.append("<text class=\"val\" x=\"")
          .append(f(left + width + 26))
          .append("\" y=\"")
          .append(ly + 1)
          .append("\">")
          .append(Text.html(Text.truncate(r.label(), 14)))
          .append("</text>");
    }
    out.append("</svg></figure>\n");
  }

  private static void rect(StringBuilder out, String cls, double x, double y, double w, double h) {
    out.append("<rect class=\"")
        .append(cls)
        .append("\" x=\"")
        .append(f(x))
        .append("\" y=\"")
        .append(f(y))
        .append("\" width=\"")
        .append(f(w))
        .append("\" height=\"")
        .append(f(h))
        .append("\"/>");
  }

  private static void valueText(StringBuilder out, double x, int y, String text) {
    out.append("<text class=\"val\" x=\"")
        .append(f(x))
        .append("\" y=\"")
        .append(y + ROW / 2 + 4)
        .append("\">")
        .append(Text.html(Text.truncate(text, 40)))
        .append("</text>");
  }

  private static void valueAxis(StringBuilder out, double axisEnd, int height) {
    valueAxis(out, axisEnd, height, niceStep(axisEnd));
  }

  /** Grid lines and tick labels every {@code step} from 0 to {@code axisEnd}. */
  private static void valueAxis(StringBuilder out, double axisEnd, int height, double step) {
    for (double t = 0; t <= axisEnd * 1.000001; t += step) {
      double x = LABEL + KPI_AREA * t / axisEnd;
      out.append("<line class=\"grid\" x1=\"")
          .append(f(x))
          .append("\" y1=\"")
          .append(TOP - 6)
          .append("\" x2=\"")
          .append(f(x))
          .append("\" y2=\"")
          .append(height - 4)
          .append("\"/><text class=\"tick\" x=\"")
          .append(f(x))
          .append("\" y=\"")
          .append(TOP - 10)
          .append("\">")
          .append(Text.html(number(t)))
          .append("</text>");
    }
  }

  /** Bars for single values, min..max ranges with median and p95 otherwise. */
  private static void ranges(StringBuilder out, KpiChart chart) {
    double axisEnd = 0;
    for (KpiChart.Row r : chart.rows()) {
      for (double v : r.samples()) {
        axisEnd = Math.max(axisEnd, v);
      }
    }
    if (axisEnd <= 0) {
      axisEnd = 1;
    }
    int height = TOP + ROW * chart.rows().size() + 8;
    String unit = chart.unit().isEmpty() ? "" : " " + chart.unit();
    open(out, "kpi", caption(chart), height);
    double step = niceStep(axisEnd);
    boolean counts =
        chart.rows().stream().flatMap(r -> r.samples().stream()).allMatch(v -> v == Math.rint(v));
    if (counts) {
      // whole numbers (counts): no ticks between them
      step = Math.max(1, step);
    }
    valueAxis(out, axisEnd, height, step);
    for (int i = 0; i < chart.rows().size(); i++) {
      KpiChart.Row r = chart.rows().get(i);
      int y = TOP + i * ROW;
      label(out, y, r.label());
      List<Double> v = new ArrayList<>(r.samples());
      v.sort(null);
      double scale = KPI_AREA / axisEnd;
      double min = v.get(0);
      double max = v.get(v.size() - 1);
      double median = nearestRank(v, 50);
      double p95 = nearestRank(v, 95);
      String text;
      if (v.size() == 1) {
        text = number(min) + unit;
        out.append("<rect class=\"kbar\" x=\"")
            .append(LABEL)
            .append("\" y=\"")
            .append(y + 4)
            .append("\" width=\"")
            .append(f(Math.max(1, Math.max(0, min) * scale)))
            .append("\" height=\"")
            .append(ROW - 8)
            .append("\"><title>")
            .append(Text.html(r.label() + ": " + text))
            .append("</title></rect>");
      } else {
        text =
            "n="
                + v.size()
                + " med "
                + number(median)
                + " p95 "
                + number(p95)
                + " max "
                + number(max)
                + unit;
        double x0 = LABEL + Math.max(0, min) * scale;
        double x1 = Math.max(x0 + 1, LABEL + Math.max(0, max) * scale);
        out.append("<g><title>")
            .append(Text.html(r.label() + ": " + text + ", min " + number(min) + unit))
            .append("</title><rect class=\"range\" x=\"")
            .append(f(x0))
            .append("\" y=\"")
            .append(y + 6)
            .append("\" width=\"")
            .append(f(x1 - x0))
            .append("\" height=\"")
            .append(ROW - 12)
            .append("\"/>");
        double[] marks = {median, p95};
        String[] classes = {"median", "p95"};
        for (int m = 0; m < marks.length; m++) {
          out.append("<rect class=\"")
              .append(classes[m])
              .append("\" x=\"")
              .append(f(LABEL + Math.max(0, marks[m]) * scale - 1.5))
              .append("\" y=\"")
              .append(y + 2)
              .append("\" width=\"3\" height=\"")
              .append(ROW - 4)
              .append("\"/>");
        }
        out.append("</g>");
      }
      out.append("<text class=\"val\" x=\"")
          .append(f(LABEL + Math.max(0, max) * scale + 6))
          .append("\" y=\"")
          .append(y + ROW / 2 + 4)
          .append("\">")
          .append(Text.html(Text.truncate(text, 40)))
          .append("</text>");
    }
    out.append("</svg></figure>\n");
  }

  /** Nearest-rank percentile of sorted values ({@link Percentiles#index}). */
  static double nearestRank(List<Double> sorted, int percent) {
    return sorted.get(Percentiles.index(sorted.size(), percent));
  }

  /** A round tick spacing giving about five ticks up to {@code max}. */
  static double niceStep(double max) {
    double raw = max / 5.0;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (int m : new int[] {1, 2, 5, 10}) {
      if (m * magnitude >= raw) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /** A value with at most three significant decimals, no trailing zeros. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static void open(StringBuilder out, String chartClass, String caption, int height) {
    out.append("<figure class=\"chart\"><figcaption>")
        .append(Text.html(caption))
        .append("</figcaption><svg class=\"")
        .append(chartClass)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\">");
  }

  private static void axis(StringBuilder out, long axisEnd, int height) {
    long step = niceStep(axisEnd);
    for (long t = 0; t <= axisEnd; t += step) {
      double x = x(t, axisEnd);
      out.append("<line class=\"grid\" x1=\"")
          .append(f(x))
          .append("\" y1=\"")
          .append(TOP - 6)
          .append("\" x2=\"")
          .append(f(x))
          .append("\" y2=\"")
          .append(height - 4)
          .append("\"/><text class=\"tick\" x=\"")
          .append(f(x))
          .append("\" y=\"")
          .append(TOP - 10)
          .append("\">")
          .append(Text.html(compact(t)))
          .append("</text>");
    }
  }

  private static void label(StringBuilder out, int y, String label) {
    out.append("<text class=\"lbl\" x=\"")
        .append(LABEL - 8)
        .append("\" y=\"")
        .append(y + ROW / 2 + 4)
        .append("\">")
        .append(Text.html(Text.truncate(label, 34)))
        .append("</text>");
  }

  /** A round tick spacing giving about five ticks up to {@code max}. */
  static long niceStep(long max) {
    double raw = Math.max(1, max) / 5.0;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (int m : new int[] {1, 2, 5, 10}) {
      if (m * magnitude >= raw) {
        return Math.max(1, (long) (m * magnitude));
      }
    }
    return Math.max(1, (long) (10 * magnitude));
  }

  private static double x(long nanos, long axisEnd) {
    return LABEL + (double) (WIDTH - LABEL - RIGHT) * nanos / axisEnd;
  }

  /** Compact axis labels: "0", "250 µs", "12 ms", "1.5 s". */
  static String compact(long nanos) {
    if (nanos == 0) {
      return "0";
    }
    if (nanos < 1_000_000) {
      return trim(nanos / 1e3) + " \u00b5s";
    }
    if (nanos < 1_000_000_000) {
      return trim(nanos / 1e6) + " ms";
    }
    return trim(nanos / 1e9) + " s";
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
