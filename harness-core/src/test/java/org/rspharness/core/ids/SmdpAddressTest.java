package org.rspharness.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmdpAddressTest {

  @Test
  void comparesHostsCaseInsensitivelyButKeepsTheSpelling() {
    SmdpAddress upper = SmdpAddress.of("SMDP.Example.COM");
    SmdpAddress lower = SmdpAddress.of("smdp.example.com");
    assertThat(upper).isEqualTo(lower);
    assertThat(upper.hashCode()).isEqualTo(lower.hashCode());
    assertThat(upper.toString()).isEqualTo("SMDP.Example.COM");
    assertThat(upper.canonical()).isEqualTo("smdp.example.com");
  }

  @Test
  void portIsPartOfTheIdentity() {
    SmdpAddress withPort = SmdpAddress.of("smdp.example.com:8443");
    assertThat(withPort.port()).hasValue(8443);
    assertThat(withPort.host()).isEqualTo("smdp.example.com");
    assertThat(withPort).isNotEqualTo(SmdpAddress.of("smdp.example.com"));
    assertThat(SmdpAddress.of("localhost").port()).isEmpty();
  }

  @Test
  void rejectsSchemesPathsSpacesAndBadHostsNamingTheField() {
    assertThatThrownBy(() -> SmdpAddress.of("https://smdp.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SM-DP+ address")
        .hasMessageContaining("scheme");
    assertThatThrownBy(() -> SmdpAddress.of("smdp.example.com/gsma")).hasMessageContaining("path");
    assertThatThrownBy(() -> SmdpAddress.of("smdp.example .com"))
        .hasMessageContaining("whitespace");
    assertThatThrownBy(() -> SmdpAddress.of(" smdp.example.com"))
        .hasMessageContaining("whitespace");
    assertThatThrownBy(() -> SmdpAddress.of("smdp..example.com")).hasMessageContaining("label");
    assertThatThrownBy(() -> SmdpAddress.of("-smdp.example.com")).hasMessageContaining("'-'");
    assertThatThrownBy(() -> SmdpAddress.of("smdp_1.example.com")).hasMessageContaining("'_'");
    assertThatThrownBy(() -> SmdpAddress.of("smdp.example.com:0")).hasMessageContaining("range");
    assertThatThrownBy(() -> SmdpAddress.of("smdp.example.com:")).hasMessageContaining("port");
    assertThatThrownBy(() -> SmdpAddress.of("smdp.example.com.")).hasMessageContaining("'.'");
    assertThatThrownBy(() -> SmdpAddress.of("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> SmdpAddress.of(null)).hasMessageContaining("missing");
  }

  @Test
  void lenientParseTrimsSurroundingWhitespaceOnly() {
    assertThat(SmdpAddress.parseLenient("  SMDP.example.com \n").value())
        .isEqualTo("SMDP.example.com");
    assertThatThrownBy(() -> SmdpAddress.parseLenient(" smdp. example.com "))
        .hasMessageContaining("whitespace");
  }
}
