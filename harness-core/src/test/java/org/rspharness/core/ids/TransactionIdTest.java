package org.rspharness.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rspharness.core.random.RandomSource;

class TransactionIdTest {

  @Test
  void parsesEitherCaseAndPrintsUpperCase() {
    TransactionId lower = TransactionId.fromHex("0a1b2c");
    assertThat(lower.hex()).isEqualTo("0A1B2C");
    assertThat(lower).isEqualTo(TransactionId.fromHex("0A1B2C"));
    assertThat(lower.hashCode()).isEqualTo(TransactionId.fromHex("0A1B2C").hashCode());
    assertThat(lower.bytes()).containsExactly(0x0A, 0x1B, 0x2C);
  }

  @Test
  void acceptsOneToSixteenBytes() {
    assertThat(TransactionId.fromHex("00").length()).isEqualTo(1);
    assertThat(TransactionId.fromHex("FF".repeat(16)).length()).isEqualTo(16);
    assertThatThrownBy(() -> TransactionId.fromHex("FF".repeat(17)))
        .hasMessageContaining("transactionId");
    assertThatThrownBy(() -> TransactionId.of(new byte[0])).hasMessageContaining("1 to 16 bytes");
    assertThatThrownBy(() -> TransactionId.fromHex("")).hasMessageContaining("transactionId");
  }

  @Test
  void rejectsOddLengthAndNonHexNamingTheField() {
    assertThatThrownBy(() -> TransactionId.fromHex("ABC")).hasMessageContaining("even number");
    assertThatThrownBy(() -> TransactionId.fromHex("AB G"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transactionId: ' ' at index 2");
    assertThatThrownBy(() -> TransactionId.fromHex(null)).hasMessageContaining("missing");
  }

  @Test
  void randomIsSixteenBytesFromTheSourceAndReproducibleWhenSeeded() {
    TransactionId a = TransactionId.random(RandomSource.seeded(7));
    TransactionId b = TransactionId.random(RandomSource.seeded(7));
    assertThat(a.length()).isEqualTo(16);
    assertThat(a).isEqualTo(b);
    assertThat(a.bytes()).isEqualTo(RandomSource.seeded(7).bytes(16));
  }

  @Test
  void isImmutable() {
    byte[] in = {1, 2};
    TransactionId id = TransactionId.of(in);
    in[0] = 9;
    id.bytes()[1] = 9;
    assertThat(id.hex()).isEqualTo("0102");
  }
}
