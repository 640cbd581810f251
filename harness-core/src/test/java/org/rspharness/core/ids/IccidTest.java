package org.rspharness.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.core.util.Hex;

class IccidTest {

  @Test
  void acceptsTheTs48TestProfileIccidsWhoseLuhnDigitsAreValid() {
    assertThat(Iccid.of("89000123456789012341").hasValidCheckDigit()).isTrue();
    assertThat(Iccid.of("89000123456789012358").hasValidCheckDigit()).isTrue();
  }

  @Test
  void computesLuhnCheckDigits() {
    assertThat(Iccid.withCheckDigit("8900012345678901234").value())
        .isEqualTo("89000123456789012341");
    assertThat(Iccid.withCheckDigit("894944999999900003").value()).isEqualTo("8949449999999000039");
    assertThat(Iccid.withCheckDigit("89494400000000000").value()).isEqualTo("894944000000000005");
  }

  @Test
  void rejectsAWrongCheckDigitNamingTheExpectedOne() {
    assertThatThrownBy(() -> Iccid.of("89000123456789012342"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ICCID")
        .hasMessageContaining("expected 1");
  }

  @Test
  void uncheckedFactoryAcceptsANonLuhnLastDigitButStillChecksShape() {
    Iccid iccid = Iccid.ofUnchecked("89000123456789012342");
    assertThat(iccid.hasValidCheckDigit()).isFalse();
    assertThatThrownBy(() -> Iccid.ofUnchecked("8900012345678901234A"))
        .hasMessageContaining("ICCID: expected 18 to 20 decimal digits");
  }

  @Test
  void rejectsBadLengthAndCharacters() {
    assertThatThrownBy(() -> Iccid.of("89000123456789012")).hasMessageContaining("18 to 20");
    assertThatThrownBy(() -> Iccid.of("890001234567890123411")).hasMessageContaining("18 to 20");
    assertThatThrownBy(() -> Iccid.of("8900012345678901234F")).hasMessageContaining("18 to 20");
    assertThatThrownBy(() -> Iccid.of(null)).hasMessageContaining("ICCID: missing");
  }

  @Test
  void encodes20DigitIccidAsNibbleSwappedBcd() {
    assertThat(Hex.encode(Iccid.of("89000123456789012358").toEfIccid()))
        .isEqualTo("98001032547698103285");
  }

  @Test
  void encodes19DigitIccidWithOneFPadNibble() {
    byte[] ef = Iccid.of("8949449999999000039").toEfIccid();
    assertThat(Hex.encode(ef)).isEqualTo("989444999999090030F9");
    assertThat(Iccid.fromEfIccid(ef).value()).isEqualTo("8949449999999000039");
  }

  @Test
  void encodes18DigitIccidWithAFullPadByte() {
    byte[] ef = Iccid.of("894944000000000005").toEfIccid();
    assertThat(Hex.encode(ef)).isEqualTo("989444000000000050FF");
    assertThat(Iccid.fromEfIccid(ef).value()).isEqualTo("894944000000000005");
  }

  @Test
  void decodingNeverInventsOrLosesADigit() {
    for (String digits :
        List.of("894944000000000005", "8949449999999000039", "89000123456789012341")) {
      Iccid iccid = Iccid.of(digits);
      assertThat(Iccid.fromEfIccid(iccid.toEfIccid())).isEqualTo(iccid);
      assertThat(Iccid.fromEfIccid(iccid.toEfIccid()).value()).hasSize(digits.length());
    }
  }

  @Test
  void decodingRejectsFInsideTheDigitsAndNonBcdNibbles() {
    assertThatThrownBy(() -> Iccid.fromEfIccid(Hex.decode("98F01032547698103285")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after F padding (byte 2)");
    assertThatThrownBy(() -> Iccid.fromEfIccid(Hex.decode("98001032547698103A85")))
        .hasMessageContaining("byte 8 holds nibble A");
    assertThatThrownBy(() -> Iccid.fromEfIccid(Hex.decode("9800103254769810FFFF")))
        .hasMessageContaining("18 to 20");
    assertThatThrownBy(() -> Iccid.fromEfIccid(Hex.decode("980010325476981032")))
        .hasMessageContaining("must be 10 bytes, got 9");
    assertThatThrownBy(() -> Iccid.fromEfIccid(null)).hasMessageContaining("ICCID");
  }

  @Test
  void decodingChecksLuhnUnlessAskedNotTo() {
    byte[] ef = Hex.decode("98001032547698103224"); // 89000123456789012342: wrong check digit
    assertThatThrownBy(() -> Iccid.fromEfIccid(ef)).hasMessageContaining("check digit");
    assertThat(Iccid.fromEfIccidUnchecked(ef).value()).isEqualTo("89000123456789012342");
  }

  /**
   * In every TS.48 profile package the ProfileHeader's iccid (the first 83 0A element, stored there
   * as plain BCD) and the EF.ICCID content (a later 83 0A, nibble-swapped) name the same ICCID:
   * decoding the file content must give the header's digits.
   */
  @Test
  void efIccidOfTs48ProfilesDecodesToTheHeaderIccid() throws IOException {
    Path dir = ReferenceData.require("profiles");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".der")).sorted().toList();
    }
    assertThat(files).as("TS.48 profiles in " + dir).isNotEmpty();
    for (Path file : files) {
      byte[] der = Files.readAllBytes(file);
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i + 12 <= der.length; i++) {
        if (der[i] == (byte) 0x83 && der[i + 1] == 0x0A) {
          at.add(i + 2);
        }
      }
      assertThat(at).as(file.toString()).hasSizeGreaterThanOrEqualTo(2);
      String header = Hex.encode(java.util.Arrays.copyOfRange(der, at.get(0), at.get(0) + 10));
      Iccid fromHeader = Iccid.of(header);
      boolean found = false;
      for (int k = 1; k < at.size() && !found; k++) {
        byte[] ef = java.util.Arrays.copyOfRange(der, at.get(k), at.get(k) + 10);
        try {
          found = Iccid.fromEfIccid(ef).equals(fromHeader);
        } catch (IllegalArgumentException notAnIccid) {
          // another 83 0A element
        }
      }
      assertThat(found).as("EF.ICCID matching header ICCID %s in %s", header, file).isTrue();
    }
  }
}
