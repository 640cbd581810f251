package org.rspharness.smdp.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.smdp.bpp.BppBuilder;
import org.rspharness.smdp.bpp.BppInput;
import org.rspharness.smdp.bpp.BppOptions;
import org.rspharness.smdp.bpp.ProfilePackages;

/** The segment numbering of BPP faults and the one byte each corruption changes. */
class BppCorruptionTest {

  private static byte[] bpp(boolean ppk) {
    RandomSource r = RandomSource.seeded(5);
    Iccid iccid = Iccid.withCheckDigit("894900000000000123");
    byte[] metadata =
        TlvBuilder.constructed(0xBF25)
            .add(0x5A, iccid.toEfIccid())
            .add(0x91, new byte[] {'S'})
            .add(0x92, new byte[] {'P'})
            .build();
    BppInput in =
        new BppInput(
            Curve.NIST_P256,
            OneTimeKeyPair.generate(Curve.NIST_P256, r).privateKey(),
            r.bytes(16),
            Eid.of("89049032123451234512345678901235"),
            OneTimeKeyPair.generate(Curve.NIST_P256, r).publicKey(),
            metadata,
            ProfilePackages.minimal(iccid, "lab"),
            BppOptions.defaults(new byte[] {'H'}).withProfileProtectionKeys(ppk));
    return BppBuilder.build(in, r).encoded();
  }

  private static List<String> tags(byte[] bpp) {
    List<String> out = new ArrayList<>();
    for (Tlv t : BppCorruption.segments(bpp)) {
      out.add(t.tagHex());
    }
    return out;
  }

  @Test
  void numbersConfigureIsdpStoreMetadataReplaceSessionKeysThenProfileSegments() {
    List<String> withPpk = tags(bpp(true));
    assertThat(withPpk.subList(0, 3)).containsExactly("87", "88", "87");
    assertThat(withPpk.subList(3, withPpk.size())).isNotEmpty().containsOnly("86");
    List<String> plain = tags(bpp(false));
    assertThat(plain.subList(0, 2)).containsExactly("87", "88");
    assertThat(plain.subList(2, plain.size())).isNotEmpty().containsOnly("86");
  }

  @Test
  void corruptedSegmentFlipsTheFirstDataByteAndBadMacTheLastMacByte() {
    byte[] bpp = bpp(false);
    byte[] before = bpp.clone();
    Tlv seg = BppCorruption.segments(bpp).get(2);

    byte[] data = BppCorruption.apply(bpp, 2, false);
    assertThat(differences(bpp, data)).containsExactly(seg.valueOffset());
    assertThat(data[seg.valueOffset()]).isEqualTo((byte) (bpp[seg.valueOffset()] ^ 1));

    byte[] mac = BppCorruption.apply(bpp, 2, true);
    assertThat(differences(bpp, mac)).containsExactly(seg.end() - 1);
    assertThat(bpp).as("the input is not touched").isEqualTo(before);
  }

  @Test
  void refusesASegmentBeyondThePackage() {
    byte[] bpp = bpp(false);
    int n = BppCorruption.segments(bpp).size();
    assertThatThrownBy(() -> BppCorruption.apply(bpp, n, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segment: " + n + " out of range, the package has " + n + " segments");
  }

  private static List<Integer> differences(byte[] a, byte[] b) {
    assertThat(b).hasSameSizeAs(a);
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        at.add(i);
      }
    }
    return at;
  }
}
