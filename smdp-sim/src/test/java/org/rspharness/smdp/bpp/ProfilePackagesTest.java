package org.rspharness.smdp.bpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.asn1.saip.ProfileElement;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.core.util.Hex;

class ProfilePackagesTest {

  @Test
  void minimalPackageDecodesWithHeaderMfAndEndAndCarriesTheIccidTwice() {
    Iccid iccid = Iccid.of("89049032123451234564");
    byte[] upp = ProfilePackages.minimal(iccid);
    List<ProfileElement> pes = ProfilePackages.decode(upp);
    assertThat(pes).hasSize(3);
    assertThat(pes.get(0).getHeader()).isNotNull();
    assertThat(pes.get(1).getMf()).isNotNull();
    assertThat(pes.get(2).getEnd()).isNotNull();
    assertThat(Hex.encode(pes.get(0).getHeader().getIccid().value))
        .isEqualTo("89049032123451234564");
    assertThat(ProfilePackages.headerIccid(upp)).isEqualTo(iccid);
    assertThat(ProfilePackages.efIccid(upp)).contains(iccid);
    assertThat(
            Hex.encode(
                pes.get(1).getMf().getEfIccid().getCHOICE().get(0).getFillFileContent().value))
        .isEqualTo("98400923214315325446");
  }

  @Test
  void nineteenDigitIccidIsPaddedWithFInBothForms() {
    Iccid iccid = Iccid.withCheckDigit("890490321234512345");
    byte[] upp = ProfilePackages.minimal(iccid);
    assertThat(Hex.encode(ProfilePackages.plainBcd(iccid))).endsWith("F");
    assertThat(ProfilePackages.headerIccid(upp)).isEqualTo(iccid);
    assertThat(ProfilePackages.efIccid(upp)).contains(iccid);
  }

  @Test
  void personalisesTheIccidOfATs48ProfileChangingOnlyItsTwentyBytes() throws IOException {
    Path file = ReferenceData.require("profiles/TS48v5_SAIP2.3_NoBERTLV.der");
    byte[] original = ProfilePackages.read(file);
    assertThat(ProfilePackages.headerIccid(original).value()).isEqualTo("89000123456789012341");
    assertThat(ProfilePackages.efIccid(original).orElseThrow().value())
        .isEqualTo("89000123456789012341");

    Iccid iccid = Iccid.of("89049032123451234564");
    byte[] personalised = ProfilePackages.withIccid(original, iccid);
    assertThat(personalised).hasSameSizeAs(original);
    int changed = 0;
    for (int i = 0; i < original.length; i++) {
      changed += original[i] != personalised[i] ? 1 : 0;
    }
    assertThat(changed).isBetween(1, 20);
    assertThat(ProfilePackages.headerIccid(personalised)).isEqualTo(iccid);
    assertThat(ProfilePackages.efIccid(personalised)).contains(iccid);
  }

  @Test
  void rejectsAPackageThatDoesNotStartWithAHeader() {
    byte[] upp = ProfilePackages.minimal(Iccid.of("89049032123451234564"));
    byte[] withoutHeader =
        java.util.Arrays.copyOfRange(upp, (upp[1] & 0xFF) + 2 + (upp[1] < 0 ? 1 : 0), upp.length);
    assertThatThrownBy(() -> ProfilePackages.decode(withoutHeader))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("ProfileHeader");
    assertThatThrownBy(() -> ProfilePackages.decode(new byte[] {0x30, 0x05}))
        .isInstanceOf(CodecException.class);
  }
}
