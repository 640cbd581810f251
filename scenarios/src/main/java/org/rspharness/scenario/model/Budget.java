package org.rspharness.scenario.model;

import java.time.Duration;
import org.rspharness.scenario.kpi.TimeScale;

/**
 * A time budget: the measured duration must be at most {@code budget + tolerance} (the tolerance
 * absorbs real network and scheduling jitter).
 *
 * @param budget the intended upper bound, positive
 * @param tolerance the accepted overshoot, zero or positive
 */
public record Budget(Duration budget, Duration tolerance) {

  /** Checks both durations. */
  public Budget {
    if (budget == null || budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget: expected a positive duration");
    }
    if (tolerance == null) {
      tolerance = Duration.ZERO;
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance: expected zero or a positive duration");
    }
  }

  /** A budget without tolerance. */
  public static Budget of(Duration budget) {
    return new Budget(budget, Duration.ZERO);
  }

  /** Whether {@code measured} holds within budget plus tolerance. */
  public boolean holds(Duration measured) {
    return holds(measured, 1);
  }

  /** Whether {@code measured} holds within (budget plus tolerance) x {@code timeScale}. */
  public boolean holds(Duration measured, double timeScale) {
    return measured.compareTo(TimeScale.scale(budget.plus(tolerance), timeScale)) <= 0;
  }
}
