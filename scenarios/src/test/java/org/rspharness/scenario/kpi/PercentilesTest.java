package org.rspharness.scenario.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfOneToHundredIsTheRankItself() {
    Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());
    assertThat(p).isEqualTo(new Percentiles(100, 50, 90, 95, 99, 100, 50.5));
  }

  @Test
  void nearestRankRoundsTheRankUp() {
    // ranks: p50 ceil(5)=5, p90 ceil(9)=9, p95 ceil(9.5)=10, p99 ceil(9.9)=10
    Percentiles p = Percentiles.of(new long[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 100});
    assertThat(p.p50()).isEqualTo(50);
    assertThat(p.p90()).isEqualTo(90);
    assertThat(p.p95()).isEqualTo(100);
    assertThat(p.p99()).isEqualTo(100);
  }

  @Test
  void aSingleSampleIsEveryPercentile() {
    assertThat(Percentiles.of(new long[] {7})).isEqualTo(new Percentiles(1, 7, 7, 7, 7, 7, 7.0));
  }

  @Test
  void noSampleIsEmpty() {
    assertThat(Percentiles.of(new long[0]).isEmpty()).isTrue();
  }

  @Test
  void rejectsAnUnknownStatistic() {
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}).get("p42"))
        .hasMessageContaining("statistic: expected one of p50");
  }
}
