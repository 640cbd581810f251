package org.rspharness.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest {

  public record Sample(String name, int count, long size) {
    public Sample {
      if (count < 0) {
        throw new IllegalArgumentException("count: at least 0");
      }
    }
  }

  @Test
  void replacesTheNamedComponentsAndKeepsEveryOther() {
    Sample s = new Sample("a", 1, 2L);
    assertThat(Records.with(s, "count", 5)).isEqualTo(new Sample("a", 5, 2L));
    assertThat(Records.with(s, Map.of("name", "b", "size", 9L))).isEqualTo(new Sample("b", 1, 9L));
    assertThat(s).isEqualTo(new Sample("a", 1, 2L));
  }

  @Test
  void theCanonicalConstructorChecksTheCopyAndUnknownNamesAreRefused() {
    Sample s = new Sample("a", 1, 2L);
    assertThatThrownBy(() -> Records.with(s, "count", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count: at least 0");
    assertThatThrownBy(() -> Records.with(s, "cuont", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Sample has no component [cuont]");
  }
}
