package org.rspharness.scenario.report;

import java.util.List;

/**
 * A chart of key performance indicators for the HTML report's KPI section (SGP.22 itself defines no
 * KPIs: these are the harness's, computed elsewhere from the events). What the rows mean depends on
 * the {@link Kind}:
 *
 * <ul>
 *   <li>{@link Kind#RANGES}: each row is a label and its samples in {@code unit}: one sample is
 *       drawn as a bar, several as a range from min to max with the median and the 95th percentile
 *       (nearest rank) marked.
 *   <li>{@link Kind#PERCENTILES}: each row's samples are exactly {@code [p50, p95, max]}, drawn as
 *       a bar to the median, a lighter one to p95 and a whisker to the maximum.
 *   <li>{@link Kind#HISTOGRAM}: each row is a bucket (its label the bucket's range) with one
 *       sample, its count; drawn as columns.
 *   <li>{@link Kind#SERIES}: each row is a series (e.g. p50, p95) with one sample per interval of
 *       {@code xLabels}; NaN marks an interval without a value (a gap in the line).
 *   <li>{@link Kind#TEXT}: no rows, only {@code note}: what to say when there is too little data
 *       for a chart (e.g. "1 activation: 1.20 s").
 * </ul>
 *
 * @param title what the chart shows, e.g. "Time to activate"
 * @param unit the unit of every sample, e.g. "ms", "%" ("" for none)
 * @param rows the rows, drawn in this order
 * @param kind how the rows are drawn
 * @param xLabels SERIES: the label of each interval (as many as each row has samples); else empty
 * @param note a line shown under the chart (for TEXT: instead of it), or null
 */
public record KpiChart(
    String title,
    String unit,
    List<KpiChart.Row> rows,
    KpiChart.Kind kind,
    List<String> xLabels,
    String note) {

  /** How a chart's rows are drawn. */
  public enum Kind {
    RANGES,
    PERCENTILES,
    HISTOGRAM,
    SERIES,
    TEXT
  }

  /**
   * One row of a chart.
   *
   * @param label e.g. a function name, a bucket, a series
   * @param samples its values (at least one; finite, except NaN gaps in a SERIES)
   */
  public record Row(String label, List<Double> samples) {
    public Row {
      if (label == null) {
        throw new IllegalArgumentException("label must not be null");
      }
      if (samples == null || samples.isEmpty()) {
        throw new IllegalArgumentException("samples of '" + label + "': at least one is needed");
      }
      samples = List.copyOf(samples);
      boolean anyFinite = false;
      for (double v : samples) {
        if (Double.isInfinite(v)) {
          throw new IllegalArgumentException("samples of '" + label + "' must be finite: " + v);
        }
        anyFinite |= !Double.isNaN(v);
      }
      if (!anyFinite) {
        throw new IllegalArgumentException(
            "samples of '" + label + "' must be finite (NaN only marks a gap in a series)");
      }
    }

    /** A row of one value. */
    public static Row of(String label, double value) {
      return new Row(label, List.of(value));
    }
  }

  /** A chart of ranges (see {@link Kind#RANGES}). */
  public KpiChart(String title, String unit, List<KpiChart.Row> rows) {
    this(title, unit, rows, Kind.RANGES, List.of(), null);
  }

  /** A chart that is only a line of text, for too little data. */
  public static KpiChart text(String title, String note) {
    return new KpiChart(title, "", List.of(), Kind.TEXT, List.of(), note);
  }

  public KpiChart {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("title must not be blank");
    }
    if (unit == null) {
      throw new IllegalArgumentException("unit must not be null (use \"\" for none)");
    }
    if (rows == null) {
      throw new IllegalArgumentException("rows must not be null");
    }
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    rows = List.copyOf(rows);
    xLabels = xLabels == null ? List.of() : List.copyOf(xLabels);
    for (Row r : rows) {
      if (kind != Kind.SERIES && r.samples().stream().anyMatch(v -> Double.isNaN(v))) {
        throw new IllegalArgumentException("samples of '" + r.label() + "' must be finite: NaN");
      }
      switch (kind) {
        case PERCENTILES -> {
          if (r.samples().size() != 3) {
            throw new IllegalArgumentException(
                "samples of '" + r.label() + "': expected [p50, p95, max]");
          }
        }
        case HISTOGRAM -> {
          if (r.samples().size() != 1) {
            throw new IllegalArgumentException(
                "samples of bucket '" + r.label() + "': expected one count");
          }
        }
        case SERIES -> {
          if (r.samples().size() != xLabels.size()) {
            throw new IllegalArgumentException(
                "samples of series '"
                    + r.label()
                    + "': expected one per x label ("
                    + xLabels.size()
                    + "), got "
                    + r.samples().size());
          }
        }
        default -> {}
      }
    }
    if (kind == Kind.TEXT && (note == null || note.isBlank())) {
      throw new IllegalArgumentException("note must not be blank in a TEXT chart");
    }
    if (kind == Kind.TEXT && !rows.isEmpty()) {
      throw new IllegalArgumentException("rows must be empty in a TEXT chart");
    }
  }
}
