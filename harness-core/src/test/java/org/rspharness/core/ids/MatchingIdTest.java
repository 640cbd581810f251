package org.rspharness.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatchingIdTest {

  @Test
  void acceptsTheSgp22AlphabetAndTheEmptyValue() {
    assertThat(MatchingId.of("04386-AGYFT-A74Y8-3F815").value())
        .isEqualTo("04386-AGYFT-A74Y8-3F815");
    assertThat(MatchingId.of("").isEmpty()).isTrue();
    assertThat(MatchingId.of("")).isEqualTo(MatchingId.EMPTY);
  }

  @Test
  void strictRejectsLowerCaseNamingTheCharacterLenientAcceptsIt() {
    assertThatThrownBy(() -> MatchingId.of("abc-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matchingId: character 'a' at index 0");
    assertThat(MatchingId.ofLenient("abc_1.x").value()).isEqualTo("abc_1.x");
  }

  @Test
  void bothFormsRejectDollarSpaceControlAndOverlongValues() {
    assertThatThrownBy(() -> MatchingId.ofLenient("A$B")).hasMessageContaining("'$' at index 1");
    assertThatThrownBy(() -> MatchingId.ofLenient("A B")).hasMessageContaining("index 1");
    assertThatThrownBy(() -> MatchingId.ofLenient("A\nB")).hasMessageContaining("\\u000a");
    assertThatThrownBy(() -> MatchingId.of("A".repeat(256))).hasMessageContaining("255");
    assertThatThrownBy(() -> MatchingId.of(null)).hasMessageContaining("matchingId: missing");
  }
}
