package org.rspharness.scenario.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.scenario.model.Budget;

class TimeScaleTest {

  private static double factor(Map<String, String> env) {
    return TimeScale.factor(env::get);
  }

  @Test
  void theFactorComesFromThePropertyElseTheEnvironmentElseIsOne() {
    assertThat(factor(Map.of())).isEqualTo(1);
    assertThat(factor(Map.of(TimeScale.ENV, "2.5"))).isEqualTo(2.5);
    assertThat(factor(Map.of(TimeScale.ENV, "2.5", TimeScale.PROPERTY, "3"))).isEqualTo(3);
    assertThat(TimeScale.note(1)).isEmpty();
    assertThat(TimeScale.note(2.5)).isEqualTo(" x2.5 (RSP_HARNESS_TIME_SCALE)");
    assertThat(TimeScale.note(3)).isEqualTo(" x3 (RSP_HARNESS_TIME_SCALE)");
  }

  @Test
  void aFactorBelowOneOrNotANumberIsRefusedByName() {
    for (String bad : new String[] {"0.5", "fast", "-2", "NaN", "Infinity"}) {
      assertThatThrownBy(() -> factor(Map.of(TimeScale.ENV, bad)))
          .hasMessageStartingWith(
              "RSP_HARNESS_TIME_SCALE=" + bad + ": expected a number of at least 1");
    }
  }

  @Test
  void aBudgetHoldsWithinBudgetPlusToleranceTimesTheFactor() {
    Budget b = new Budget(Duration.ofSeconds(5), Duration.ofSeconds(1));
    assertThat(b.holds(Duration.ofSeconds(6))).isTrue();
    assertThat(b.holds(Duration.ofMillis(6001))).isFalse();
    assertThat(b.holds(Duration.ofSeconds(12), 2)).isTrue();
    assertThat(b.holds(Duration.ofMillis(12001), 2)).isFalse();
  }
}
