package org.rspharness.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void movesOnlyWhenAdvancedAndZoneViewsShareTheInstant() {
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-25T00:00:00Z"));
    var paris = clock.withZone(ZoneId.of("Europe/Paris"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    clock.advance(Duration.ofMinutes(90));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T01:30:00Z"));
    assertThat(paris.instant()).isEqualTo(clock.instant());
    clock.set(Instant.EPOCH);
    assertThat(paris.instant()).isEqualTo(Instant.EPOCH);
  }
}
