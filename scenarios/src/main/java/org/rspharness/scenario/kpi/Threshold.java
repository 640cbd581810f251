package org.rspharness.scenario.kpi;

import java.util.Locale;

/**
 * One SLA threshold: a KPI and its lower and/or upper limit, in the KPI's base unit (ratio 0..1,
 * seconds, or a plain number; see {@link KpiName}).
 *
 * @param kpi the KPI as written
 * @param name the parsed name
 * @param min the lowest acceptable value, or null
 * @param max the highest acceptable value, or null
 */
public record Threshold(String kpi, KpiName name, Double min, Double max) {

  public Threshold {
    if (name == null) {
      name = KpiName.parse(kpi);
    }
    if (min == null && max == null) {
      throw new IllegalArgumentException("min: missing; a threshold needs min, max or both");
    }
    if (min != null && max != null && min > max) {
      throw new IllegalArgumentException("max: lower than min");
    }
  }

  /** True when {@code value} lies within the limits. */
  public boolean accepts(double value) {
    return (min == null || value >= min) && (max == null || value <= max);
  }

  /** The limits as written for humans: {@code >= 95.0 %}, {@code <= 30s}, {@code 1 .. 2}. */
  public String limits() {
    if (min != null && max != null) {
      return format(min) + " .. " + format(max);
    }
    return min != null ? ">= " + format(min) : "<= " + format(max);
  }

  /** A value of this threshold's KPI in its unit. */
  public String format(double v) {
    return switch (name.kind()) {
      case RATIO -> KpiTable.percent(v);
      case DURATION -> KpiTable.time(Math.round(v * 1e9));
      case NUMBER ->
          v == Math.rint(v) && Math.abs(v) < 1e15
              ? Long.toString((long) v)
              : String.format(Locale.ROOT, "%.3f", v);
    };
  }
}
