package org.rspharness.scenario.model;

import java.time.Duration;
import java.util.List;
import org.rspharness.scenario.kpi.Threshold;

/**
 * One stage of a staged rollout: {@code count} activations (or as many as fit in {@code duration})
 * by {@code devices} fresh virtual devices, {@code concurrency} at a time. When the stage has
 * thresholds, they are its gate: the next stage runs only if the stage's KPIs meet them all.
 *
 * @param name the stage's name (a step {@code stage:NAME} in reports)
 * @param devices virtual devices of this stage (new eUICCs, distinct from other stages')
 * @param concurrency activations in flight at most
 * @param count activations to run (when no duration is given; 0 in the file means {@code devices})
 * @param duration stop starting activations after this long, or null to run {@code count}
 * @param rampUp time over which the concurrency grows from 1 (zero: none)
 * @param enable whether each downloaded profile is enabled too
 * @param attempts download attempts per activation (a failed one retries with a new order)
 * @param acceptance the gate's thresholds (empty: no gate)
 */
public record Stage(
    String name,
    int devices,
    int concurrency,
    int count,
    Duration duration,
    Duration rampUp,
    boolean enable,
    int attempts,
    List<Threshold> acceptance) {

  /** Checks the numbers; a zero count is one activation per device. */
  public Stage {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException(
          "name: expected a name of letters, digits, '_' and '-', got '" + name + "'");
    }
    if (devices < 1) {
      throw new IllegalArgumentException("devices: at least 1, got " + devices);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency: at least 1, got " + concurrency);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count: at least 1, got " + count);
    }
    if (duration != null && count > 0) {
      throw new IllegalArgumentException("duration: give count or duration, not both");
    }
    if (duration != null && duration.isZero()) {
      throw new IllegalArgumentException("duration: must be positive");
    }
    count = count == 0 && duration == null ? devices : count;
    rampUp = rampUp == null ? Duration.ZERO : rampUp;
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts: at least 1, got " + attempts);
    }
    acceptance = acceptance == null ? List.of() : List.copyOf(acceptance);
  }

  /** Whether the stage gates the next one. */
  public boolean gated() {
    return !acceptance.isEmpty();
  }
}
