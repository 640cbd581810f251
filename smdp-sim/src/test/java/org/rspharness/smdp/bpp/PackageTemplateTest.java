package org.rspharness.smdp.bpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.testsupport.ReferenceData;

class PackageTemplateTest {

  private static final List<Iccid> ICCIDS =
      List.of(
          Iccid.withCheckDigit("894900000000000001"), // 19 digits, F-padded
          Iccid.withCheckDigit("8949000000000000123"), // 20 digits
          Iccid.ofUnchecked("89000123456789012341"));

  @Test
  void patchingTheIccidGivesTheBytesOfTheFullDecodeAndReencode() {
    byte[] minimal = ProfilePackages.minimal(Iccid.withCheckDigit("890000000000000000"), "t");
    PackageTemplate t = PackageTemplate.of(minimal);
    assertThat(t.patches()).isTrue();
    for (Iccid iccid : ICCIDS) {
      assertThat(t.withIccid(iccid)).isEqualTo(ProfilePackages.withIccid(minimal, iccid));
    }
  }

  @Test
  void everyTs48ProfileIsPatchedExactly() throws Exception {
    Path dir = ReferenceData.require("profiles");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".der")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      byte[] upp = Files.readAllBytes(f);
      PackageTemplate t = PackageTemplate.of(upp);
      assertThat(t.patches()).as(f.getFileName().toString()).isTrue();
      for (Iccid iccid : ICCIDS) {
        byte[] patched = t.withIccid(iccid);
        assertThat(patched)
            .as(f.getFileName() + " " + iccid.value())
            .isEqualTo(ProfilePackages.withIccid(upp, iccid));
        assertThat(ProfilePackages.headerIccid(patched)).isEqualTo(iccid);
      }
    }
  }

  @Test
  void aTemplateDoesNotShareItsBytesWithCallers() {
    byte[] minimal = ProfilePackages.minimal(Iccid.withCheckDigit("890000000000000000"), "t");
    PackageTemplate t = PackageTemplate.of(minimal);
    byte[] first = t.withIccid(ICCIDS.get(0));
    first[first.length - 1] ^= 1;
    assertThat(t.withIccid(ICCIDS.get(0)))
        .isEqualTo(ProfilePackages.withIccid(minimal, ICCIDS.get(0)));
  }
}
