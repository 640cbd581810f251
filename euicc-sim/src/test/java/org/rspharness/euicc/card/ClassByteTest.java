package org.rspharness.euicc.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassByteTest {

  @Test
  void firstClassCarriesChannels0To3InTheLowBits() {
    assertThat(ClassByte.decode(0x80)).isEqualTo(new ClassByte(true, 0, false, false));
    assertThat(ClassByte.decode(0x83)).isEqualTo(new ClassByte(true, 3, false, false));
    assertThat(ClassByte.decode(0x01)).isEqualTo(new ClassByte(false, 1, false, false));
    assertThat(ClassByte.decode(0x86)).isEqualTo(new ClassByte(true, 2, true, false));
    assertThat(ClassByte.decode(0x91)).isEqualTo(new ClassByte(true, 1, false, true));
  }

  @Test
  void furtherClassCarriesChannels4To19() {
    assertThat(ClassByte.decode(0xC0)).isEqualTo(new ClassByte(true, 4, false, false));
    assertThat(ClassByte.decode(0xCF)).isEqualTo(new ClassByte(true, 19, false, false));
    assertThat(ClassByte.decode(0x45)).isEqualTo(new ClassByte(false, 9, false, false));
    assertThat(ClassByte.decode(0xE0)).isEqualTo(new ClassByte(true, 4, true, false));
    assertThat(ClassByte.decode(0x50)).isEqualTo(new ClassByte(false, 4, false, true));
  }

  @Test
  void encodeAndDecodeAgreeForEveryChannel() {
    for (int channel = 0; channel < 20; channel++) {
      for (boolean proprietary : new boolean[] {false, true}) {
        int cla = ClassByte.encode(proprietary, channel);
        assertThat(ClassByte.decode(cla))
            .isEqualTo(new ClassByte(proprietary, channel, false, false));
      }
    }
    assertThat(ClassByte.encode(true, 1)).isEqualTo(0x81);
    assertThat(ClassByte.encode(true, 4)).isEqualTo(0xC0);
    assertThat(ClassByte.encode(false, 19)).isEqualTo(0x4F);
  }

  @Test
  void reservedClassesAreRefusedWith6E00() {
    for (int cla : new int[] {0x20, 0x3F, 0xA0, 0xBF, 0xFF}) {
      assertThatThrownBy(() -> ClassByte.decode(cla))
          .isInstanceOfSatisfying(
              StatusWordException.class,
              e -> assertThat(e.statusWord()).isEqualTo(StatusWord.CLA_NOT_SUPPORTED));
    }
    assertThatThrownBy(() -> ClassByte.encode(true, 20))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
