package org.rspharness.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationCodeTest {

  @Test
  void parsesTheBasicForm() {
    ActivationCode ac = ActivationCode.parse("LPA:1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815");
    assertThat(ac.smdpAddress()).isEqualTo(SmdpAddress.of("smdp.example.com"));
    assertThat(ac.smdpAddress().value()).isEqualTo("SMDP.EXAMPLE.COM");
    assertThat(ac.matchingId().value()).isEqualTo("04386-AGYFT-A74Y8-3F815");
    assertThat(ac.smdpOid()).isNull();
    assertThat(ac.confirmationCodeRequired()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "LPA:1$smdp.example.com$",
        "LPA:1$smdp.example.com$ABC-1",
        "LPA:1$smdp.example.com:8443$ABC-1",
        "LPA:1$smdp.example.com$$1.3.6.1.4.1.31746",
        "LPA:1$smdp.example.com$ABC-1$1.3.6.1.4.1.31746",
        "LPA:1$smdp.example.com$ABC-1$1.3.6.1.4.1.31746$1",
        "LPA:1$smdp.example.com$ABC-1$$1",
        "LPA:1$smdp.example.com$$$1"
      })
  void canonicalFormsRoundTripExactly(String text) {
    ActivationCode ac = ActivationCode.parse(text);
    assertThat(ac.toString()).isEqualTo(text);
    assertThat(ActivationCode.parse(ac.toString())).isEqualTo(ac);
  }

  @Test
  void readsTheOidAndFlagForms() {
    ActivationCode ac = ActivationCode.parse("LPA:1$host.example$$1.3.6.1.4.1.31746$1");
    assertThat(ac.matchingId().isEmpty()).isTrue();
    assertThat(ac.smdpOidIfPresent()).contains("1.3.6.1.4.1.31746");
    assertThat(ac.confirmationCodeRequired()).isTrue();
    ActivationCode noOid = ActivationCode.parse("LPA:1$host.example$MID$$1");
    assertThat(noOid.smdpOid()).isNull();
    assertThat(noOid.confirmationCodeRequired()).isTrue();
  }

  @Test
  void acceptsTheBareFormWithoutScheme() {
    ActivationCode ac = ActivationCode.parse("1$smdp.example.com$ABC");
    assertThat(ac.toAcString()).isEqualTo("1$smdp.example.com$ABC");
    assertThat(ac.toString()).isEqualTo("LPA:1$smdp.example.com$ABC");
  }

  @Test
  void reportsClearErrors() {
    assertThatThrownBy(() -> ActivationCode.parse("LPA:1$smdp.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("activation code: missing '$' after SM-DP+ address");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:2$smdp.example.com$X"))
        .hasMessage("activation code: unsupported AC format '2'");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:1"))
        .hasMessage("activation code: missing '$' after AC format");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:"))
        .hasMessage("activation code: missing AC format");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:1$$ABC"))
        .hasMessage("activation code: missing SM-DP+ address");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:1$smdp.example.com$abc"))
        .hasMessageStartingWith("activation code: matchingId: character 'a'");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:1$smdp.example.com$A$1.2.x"))
        .hasMessageContaining("SM-DP+ OID '1.2.x'");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:1$smdp.example.com$A$$0"))
        .hasMessageContaining("flag must be '1', got '0'");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:1$smdp.example.com$A$$1$x"))
        .hasMessageContaining("6 fields, at most 5");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:1$https://smdp.example.com$A"))
        .hasMessageStartingWith("activation code: SM-DP+ address");
    assertThatThrownBy(() -> ActivationCode.parse("LPA:1$h.example$" + "A".repeat(250)))
        .hasMessageContaining("longer than 255");
    assertThatThrownBy(() -> ActivationCode.parse(null)).hasMessage("activation code: missing");
  }

  @Test
  void lenientParseCopesWithWhatUsersPaste() {
    ActivationCode ac = ActivationCode.parseLenient("  lpa:1$ SMDP.example.com $abc_1$$0\n");
    assertThat(ac.smdpAddress().value()).isEqualTo("SMDP.example.com");
    assertThat(ac.matchingId().value()).isEqualTo("abc_1");
    assertThat(ac.confirmationCodeRequired()).isFalse();
    assertThat(ac.toString()).isEqualTo("LPA:1$SMDP.example.com$abc_1");
    assertThatThrownBy(() -> ActivationCode.parse("lpa:1$smdp.example.com$A"))
        .hasMessageContaining("unsupported AC format 'lpa:1'");
  }

  @Test
  void lenientParsePassesOverTheV3CiKeyIndicatorField() {
    ActivationCode ac = ActivationCode.parseLenient("LPA:1$smdp.example.com$A$$1$F54172BD");
    assertThat(ac.confirmationCodeRequired()).isTrue();
    assertThat(ac.toString()).isEqualTo("LPA:1$smdp.example.com$A$$1");
    assertThatThrownBy(() -> ActivationCode.parseLenient("LPA:1$h.example.com$A$$1$x$y"))
        .hasMessageContaining("7 fields, at most 6");
  }
}
