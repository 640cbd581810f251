package org.rspharness.scenario.kpi;

import java.util.Set;

/**
 * The name of a KPI, as acceptance files and {@link Kpis#value} take it:
 *
 * <ul>
 *   <li>{@code successRate} (a ratio, written as a percentage such as {@code 95%})
 *   <li>{@code timeToActivate.S}, {@code timeToRecover.S}, {@code mttr}, {@code tls.S}, {@code
 *       step.ACTION.S}, {@code http.FUNCTION.S}, {@code apdu.COMMAND.S} (times, written as
 *       durations such as {@code 30s}) where S is one of p50, p90, p95, p99, max, mean (or count, a
 *       number)
 *   <li>{@code retries}, {@code retriesPerSuccess}, {@code downloadsPerSecond}, {@code attempts},
 *       {@code activations}, {@code expectedFailures}, {@code recoveries}, {@code unrecovered},
 *       {@code failures} (failed activations), {@code failures.CODE} (failed attempts with that
 *       code) (numbers)
 * </ul>
 *
 * @param family the first part ({@code successRate}, {@code timeToActivate}, {@code http}, ...)
 * @param key the function, command, action or status code, or null
 * @param stat the statistic of a distribution, or null
 * @param kind what unit its values have
 */
public record KpiName(String family, String key, String stat, Kind kind) {

  /** The unit of a KPI's values. */
  public enum Kind {
    /** 0..1, written as a percentage. */
    RATIO,
    /** Seconds, written as a duration. */
    DURATION,
    /** A plain number. */
    NUMBER
  }

  /** Every accepted form, for error messages. */
  public static final String FORMS =
      "successRate, timeToActivate.S, timeToRecover.S, mttr, retries, retriesPerSuccess,"
          + " downloadsPerSecond, attempts, activations, expectedFailures, recoveries, unrecovered,"
          + " failures, failures.CODE, tls.S, step.ACTION.S, http.FUNCTION.S, apdu.COMMAND.S"
          + " (S: p50, p90, p95, p99, max, mean, count)";

  private static final Set<String> STATS =
      Set.of("p50", "p90", "p95", "p99", "max", "mean", "count");

  /** Parses a KPI name; IllegalArgumentException listing the accepted forms. */
  public static KpiName parse(String text) {
    if (text == null) {
      throw bad(null);
    }
    switch (text) {
      case "successRate":
        return new KpiName(text, null, null, Kind.RATIO);
      case "mttr":
        return new KpiName(text, null, null, Kind.DURATION);
      case "retries",
      "retriesPerSuccess",
      "downloadsPerSecond",
      "attempts",
      "activations",
      "expectedFailures",
      "recoveries",
      "unrecovered",
      "failures":
        return new KpiName(text, null, null, Kind.NUMBER);
      default:
        break;
    }
    int dot = text.indexOf('.');
    if (dot < 0) {
      throw bad(text);
    }
    String family = text.substring(0, dot);
    String rest = text.substring(dot + 1);
    switch (family) {
      case "failures":
        if (rest.isEmpty()) {
          throw bad(text);
        }
        return new KpiName(family, rest, null, Kind.NUMBER);
      case "timeToActivate", "timeToRecover", "tls":
        return distribution(text, family, null, rest);
      case "step", "http", "apdu":
        int last = rest.lastIndexOf('.');
        if (last <= 0) {
          throw bad(text);
        }
        return distribution(text, family, rest.substring(0, last), rest.substring(last + 1));
      default:
        throw bad(text);
    }
  }

  private static KpiName distribution(String text, String family, String key, String stat) {
    if (!STATS.contains(stat)) {
      throw bad(text);
    }
    return new KpiName(family, key, stat, stat.equals("count") ? Kind.NUMBER : Kind.DURATION);
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException("kpi: expected one of " + FORMS + ", got '" + text + "'");
  }
}
