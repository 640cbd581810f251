package org.rspharness.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;

class HexTest {

  @Test
  void decodesEitherCaseAcrossWhitespaceAndEncodesUpperCase() {
    assertThat(Hex.decode("bf 2e\n03 80\t01 ff"))
        .containsExactly(0xBF, 0x2E, 0x03, 0x80, 0x01, 0xFF);
    assertThat(Hex.encode(new byte[] {(byte) 0xBF, 0x2E})).isEqualTo("BF2E");
  }

  @Test
  void refusesNonAsciiDigitsThatCharacterDigitWouldAccept() {
    // Arabic-Indic three and full-width A: Character.digit accepts both, no wire format does.
    assertThatThrownBy(() -> Hex.decode("\u0663\u0663"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("offset 0");
    assertThatThrownBy(() -> Hex.decode("\uFF21\uFF21")).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> TransactionId.fromHex("\u0663\u0663"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transactionId");
    assertThatThrownBy(() -> SmdpAddress.of("a.example.com:\u0668\u0660"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullAndOddLengthAreCodecErrors() {
    assertThatThrownBy(() -> Hex.decode(null)).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Hex.decode("ABC"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("odd number");
  }
}
