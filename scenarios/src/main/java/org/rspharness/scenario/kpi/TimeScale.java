package org.rspharness.scenario.kpi;

import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Wall-clock budgets on a machine busier than the one they were written for: {@code
 * RSP_HARNESS_TIME_SCALE=F} (or {@code -Drsp.timeScale=F}), F at least 1, multiplies every step and
 * span budget (with its tolerance) and every upper limit of a time threshold ({@code
 * timeToActivate.p95 max 30s}) by F; every failure and verdict then names the factor, so a scaled
 * pass is never mistaken for the budget as written. Default 1: budgets as written. Protocol time
 * (the injectable clock) and counts are never scaled.
 */
public final class TimeScale {

  /** The environment variable. */
  public static final String ENV = "RSP_HARNESS_TIME_SCALE";

  /** The system property (wins over the environment). */
  public static final String PROPERTY = "rsp.timeScale";

  private TimeScale() {}

  /** The factor of this process: the property, else the environment, else 1. */
  public static double factor() {
    return factor(name -> name.equals(ENV) ? System.getenv(ENV) : System.getProperty(PROPERTY));
  }

  /** The factor from {@code lookup} of {@link #PROPERTY} then {@link #ENV} (tests). */
  static double factor(UnaryOperator<String> lookup) {
    String v = lookup.apply(PROPERTY);
    String from = "-D" + PROPERTY;
    if (v == null || v.isBlank()) {
      v = lookup.apply(ENV);
      from = ENV;
    }
    if (v == null || v.isBlank()) {
      return 1;
    }
    double f;
    try {
      f = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      f = Double.NaN;
    }
    if (!(f >= 1) || Double.isInfinite(f)) {
      throw new IllegalArgumentException(
          from
              + "="
              + v
              + ": expected a number of at least 1 (e.g. 2.5), the factor for time budgets");
    }
    return f;
  }

  /** {@code d} scaled by {@code factor}, to the nanosecond. */
  public static Duration scale(Duration d, double factor) {
    return factor == 1 ? d : Duration.ofNanos(Math.round(d.toNanos() * factor));
  }

  /** {@code ""} at factor 1, else {@code " x2.5 (RSP_HARNESS_TIME_SCALE)"} for a message. */
  public static String note(double factor) {
    return factor == 1 ? "" : " x" + format(factor) + " (" + ENV + ")";
  }

  /** 2.5, 3 (no trailing zeros). */
  public static String format(double factor) {
    return factor == Math.rint(factor)
        ? Long.toString((long) factor)
        : String.format(Locale.ROOT, "%.2f", factor).replaceAll("0+$", "");
  }
}
