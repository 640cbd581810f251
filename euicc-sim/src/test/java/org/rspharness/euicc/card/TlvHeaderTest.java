package org.rspharness.euicc.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;

class TlvHeaderTest {

  private static int header(String hex) {
    byte[] bytes = Hex.decode(hex);
    return TlvHeader.headerLength(bytes, bytes.length);
  }

  @Test
  void measuresShortAndLongForms() {
    assertThat(header("BF2E00")).isEqualTo(3);
    assertThat(header("BF3681FF")).isEqualTo(4);
    assertThat(header("BF368203E8")).isEqualTo(5);
    assertThat(header("A18400010000")).isEqualTo(6);
    assertThat(header("3000")).isEqualTo(2);
  }

  @Test
  void rejectsMalformedHeaders() {
    assertThat(header("BF")).isEqualTo(-1);
    assertThat(header("BF2E")).isEqualTo(-1);
    assertThat(header("BF2E80")).isEqualTo(-1);
    assertThat(header("BF2E8500000000")).isEqualTo(-1);
    assertThat(header("BF368203")).isEqualTo(-1);
    assertThat(header("0000")).isEqualTo(-1);
    assertThat(header("BF8181818101")).isEqualTo(-1);
  }
}
