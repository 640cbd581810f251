package org.rspharness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;

class LoadConfigTest {

  @Test
  void everyCopyChangesOneSettingAndKeepsTheShardsDeviceRange() {
    LoadConfig shard = LoadConfig.count(4, 2, 8).withDeviceRange(4, 12);
    LoadConfig changed =
        shard
            .withBinding("asn1")
            .withRecordApdus(false)
            .withSeed(9)
            .withAttempts(3)
            .withEnable(true)
            .withCurve(Curve.BRAINPOOL_P256R1)
            .withRampUp(Duration.ofSeconds(2));
    assertThat(changed)
        .isEqualTo(
            new LoadConfig(
                4,
                2,
                Duration.ofSeconds(2),
                null,
                8,
                Curve.BRAINPOOL_P256R1,
                true,
                3,
                9,
                false,
                "asn1",
                4,
                12));
  }

  @Test
  void aCopyIsCheckedAsANewConfiguration() {
    assertThatThrownBy(() -> LoadConfig.count(4, 2, 8).withAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts: at least 1, got 0");
    assertThatThrownBy(() -> LoadConfig.count(4, 2, 8).withBinding("xml"))
        .hasMessageContaining("binding: expected json or asn1");
  }
}
