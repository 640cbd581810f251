package org.rspharness.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EidTest {

  @Test
  void acceptsTheSgp26TestEid() {
    assertThat(Eid.of("89049032123451234512345678901235").value())
        .isEqualTo("89049032123451234512345678901235");
  }

  @Test
  void computesCheckDigitsOfTheSgp26TestEid() {
    assertThat(Eid.withCheckDigits("890490321234512345123456789012").value())
        .isEqualTo("89049032123451234512345678901235");
  }

  @Test
  void rejectsWrongCheckDigitsNamingTheExpectedOnes() {
    assertThatThrownBy(() -> Eid.of("89049032123451234512345678901236"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EID")
        .hasMessageContaining("expected 35");
  }

  @Test
  void rejectsWrongLengthAndNonDigits() {
    assertThatThrownBy(() -> Eid.of("8904903212345123451234567890123"))
        .hasMessageContaining("32 decimal digits");
    assertThatThrownBy(() -> Eid.of("8904903212345123451234567890123A"))
        .hasMessageContaining("32 decimal digits");
    assertThatThrownBy(() -> Eid.of(null)).hasMessageContaining("missing");
  }

  @Test
  void rejectsAnEidOutsideTheTelecomIndustryRange() {
    // 32 digits with valid MOD 97-10 check digits, but not starting with 89.
    String first30 = "790490321234512345123456789012";
    int mod =
        new java.math.BigInteger(first30 + "00").mod(java.math.BigInteger.valueOf(97)).intValue();
    String candidate = first30 + String.format("%02d", 98 - mod);
    assertThatThrownBy(() -> Eid.of(candidate)).hasMessageContaining("does not start with 89");
  }
}
