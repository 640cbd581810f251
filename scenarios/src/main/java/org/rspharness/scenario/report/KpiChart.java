package org.rspharness.scenario.report;

import java.util.List;

/**
 * A chart of key performance indicators for the HTML report's KPI section (SGP.22 itself defines no
 * KPIs: these are the harness's, computed elsewhere from the events). Each row is a label and its
 * samples in {@code unit}: one sample is drawn as a bar, several as a range from min to max with
 * the median and the 95th percentile (nearest rank) marked.
 *
 * @param title what the chart shows, e.g. "Time to activate"
 * @param unit the unit of every sample, e.g. "ms", "%"
 * @param rows the rows, drawn in this order
 */
public record KpiChart(String title, String unit, List<KpiChart.Row> rows) {

  /**
   * One row of a chart.
   *
   * @param label e.g. a function name or a device
   * @param samples its values (at least one; finite)
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
      for (double v : samples) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("samples of '" + label + "' must be finite: " + v);
        }
      }
    }

    /** A row of one value. */
    public static Row of(String label, double value) {
      return new Row(label, List.of(value));
    }
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
    rows = List.copyOf(rows);
  }
}
