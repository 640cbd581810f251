package org.rspharness.core.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.util.Hex;

/** ITU-T X.690 content octets of the primitive values, known answers. */
class DerTest {

  @Test
  void integersAreMinimalTwosComplement() {
    assertThat(Hex.encode(Der.integer(0))).isEqualTo("00");
    assertThat(Hex.encode(Der.integer(127))).isEqualTo("7F");
    assertThat(Hex.encode(Der.integer(128))).isEqualTo("0080");
    assertThat(Hex.encode(Der.integer(-1))).isEqualTo("FF");
    assertThat(Hex.encode(Der.integer(0x80, 256))).isEqualTo("80020100");
    assertThat(Der.intValue(Tlv.parse(Hex.decode("80020100")))).isEqualTo(256);
    assertThat(Der.intValue(Tlv.parse(Hex.decode("8001ff")))).isEqualTo(-1);
    assertThatThrownBy(() -> Der.intValue(Tlv.parse(Hex.decode("80050102030405"))))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Der.intValue(Tlv.parse(Hex.decode("8000"))))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void bitStringsDropTrailingZeroBits() {
    assertThat(Hex.encode(Der.bitString())).isEqualTo("00");
    assertThat(Hex.encode(Der.bitString(0))).isEqualTo("0780");
    assertThat(Hex.encode(Der.bitString(0, 9))).isEqualTo("068040");
    byte[] bits = Der.bitString(2, 7);
    assertThat(Hex.encode(bits)).isEqualTo("0021");
    assertThat(Der.bit(bits, 2)).isTrue();
    assertThat(Der.bit(bits, 3)).isFalse();
    assertThat(Der.bit(bits, 7)).isTrue();
    assertThat(Der.bit(bits, 20)).isFalse();
    assertThatThrownBy(() -> Der.bit(new byte[0], 0)).isInstanceOf(CodecException.class);
  }

  @Test
  void booleansAndStrings() {
    assertThat(Der.booleanValue(Tlv.parse(Hex.decode("0101ff")))).isTrue();
    assertThat(Der.booleanValue(Tlv.parse(Hex.decode("010100")))).isFalse();
    assertThatThrownBy(() -> Der.booleanValue(Tlv.parse(Hex.decode("01020000"))))
        .isInstanceOf(CodecException.class);
    byte[] s = Der.utf8(0x80, "é");
    assertThat(Hex.encode(s)).isEqualTo("8002C3A9");
    assertThat(Der.utf8Value(Tlv.parse(s))).isEqualTo("é");
  }
}
