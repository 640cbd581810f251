package org.rspharness.euicc.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;

class CommandApduTest {

  @Test
  void parsesCase1() {
    CommandApdu apdu = CommandApdu.parse(Hex.decode("00708001"));
    assertThat(apdu.cla()).isZero();
    assertThat(apdu.ins()).isEqualTo(0x70);
    assertThat(apdu.p1()).isEqualTo(0x80);
    assertThat(apdu.p2()).isEqualTo(0x01);
    assertThat(apdu.nc()).isZero();
    assertThat(apdu.hasLe()).isFalse();
  }

  @Test
  void parsesCase2WithLe00As256() {
    CommandApdu apdu = CommandApdu.parse(Hex.decode("00C0000000"));
    assertThat(apdu.ne()).isEqualTo(256);
    assertThat(apdu.nc()).isZero();
    assertThat(CommandApdu.parse(Hex.decode("0070000001")).ne()).isEqualTo(1);
  }

  @Test
  void parsesCase3() {
    CommandApdu apdu = CommandApdu.parse(Hex.decode("81E2910003BF2E00"));
    assertThat(apdu.data()).containsExactly(0xBF, 0x2E, 0x00);
    assertThat(apdu.ne()).isEqualTo(CommandApdu.NO_LE);
  }

  @Test
  void parsesCase4() {
    CommandApdu apdu = CommandApdu.parse(Hex.decode("81E2910003BF2E0010"));
    assertThat(apdu.data()).containsExactly(0xBF, 0x2E, 0x00);
    assertThat(apdu.ne()).isEqualTo(16);
  }

  @Test
  void encodesWhatItParses() {
    for (String hex :
        new String[] {"00708001", "00C0000000", "81E2910003BF2E00", "81E2910003BF2E0010"}) {
      assertThat(Hex.encode(CommandApdu.parse(Hex.decode(hex)).toBytes())).isEqualTo(hex);
    }
    assertThat(CommandApdu.of(0x80, 0xE2, 0x91, 0, new byte[] {1}, 256).toString())
        .isEqualTo("80E291000101" + "00");
  }

  @Test
  void rejectsExtendedLengthWith6700() {
    assertThatThrownBy(() -> CommandApdu.parse(Hex.decode("80E29100000003BF2E00")))
        .isInstanceOfSatisfying(
            StatusWordException.class,
            e -> assertThat(e.statusWord()).isEqualTo(StatusWord.WRONG_LENGTH))
        .hasMessageContaining("extended");
  }

  @Test
  void rejectsLcThatDoesNotMatchWith6700() {
    assertThatThrownBy(() -> CommandApdu.parse(Hex.decode("80E2910004BF2E00")))
        .isInstanceOfSatisfying(
            StatusWordException.class,
            e -> assertThat(e.statusWord()).isEqualTo(StatusWord.WRONG_LENGTH));
    assertThatThrownBy(() -> CommandApdu.parse(Hex.decode("80E291")))
        .isInstanceOf(StatusWordException.class);
  }

  @Test
  void buildingRefusesOutOfRangeFields() {
    assertThatThrownBy(() -> CommandApdu.of(0x100, 0, 0, 0, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cla");
    assertThatThrownBy(() -> CommandApdu.of(0, 0, 0, 0, new byte[256]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("255");
    assertThatThrownBy(() -> CommandApdu.of(0, 0, 0, 0, new byte[0], 257))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ne");
  }

  @Test
  void responseApduSplitsDataAndStatusWord() {
    ResponseApdu response = ResponseApdu.parse(Hex.decode("0102616C"));
    assertThat(response.data()).containsExactly(1, 2);
    assertThat(response.statusWord()).isEqualTo(StatusWord.bytesRemaining(0x6C));
    assertThat(Hex.encode(response.toBytes())).isEqualTo("0102616C");
    assertThat(StatusWord.bytesRemaining(256)).isEqualTo(new StatusWord(0x6100));
    assertThat(StatusWord.bytesRemaining(1000).toString()).isEqualTo("6100");
    assertThatThrownBy(() -> ResponseApdu.parse(new byte[] {(byte) 0x90}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
