package org.rspharness.euicc.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;

class AtrTest {

  @Test
  void defaultAtrHasAValidCheckCharacter() {
    byte[] atr = Atr.defaultEuiccAtr();
    int xor = 0;
    for (int i = 1; i < atr.length; i++) {
      xor ^= atr[i];
    }
    assertThat(xor).as("XOR of T0..TCK must be 0 (ISO 7816-3 8.2.5)").isZero();
    assertThat(Hex.encode(atr)).startsWith("3B9F96801FC7803");
  }

  @Test
  void defaultAtrStructureMatchesItsInterfaceBytes() {
    byte[] atr = Atr.defaultEuiccAtr();
    int t0 = atr[1] & 0xFF;
    int historical = t0 & 0x0F;
    // TS T0 TA1 TD1 TD2 TA3 (T0 says TA1+TD1; TD1 says TD2; TD2 says TA3), historical, TCK.
    assertThat(t0 & 0xF0).isEqualTo(0x90);
    assertThat(atr[3] & 0x0F).as("TD1 protocol").isZero();
    assertThat(atr[3] & 0xF0).isEqualTo(0x80);
    assertThat(atr[4] & 0xFF).isEqualTo(0x1F);
    assertThat(atr).hasSize(6 + historical + 1);
    assertThat(atr[6] & 0xFF).as("category indicator").isEqualTo(0x80);
  }

  @Test
  void withCheckCharacterAppendsTheXor() {
    assertThat(Atr.withCheckCharacter(Hex.decode("3B80800101")))
        .containsExactly(0x3B, 0x80, 0x80, 0x01, 0x01, 0x80 ^ 0x80 ^ 0x01 ^ 0x01);
  }
}
