package org.rspharness.core.bpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;

/** The STORE DATA split of SGP.22 section 2.5.5, on pySim's published test package. */
class BoundProfilePackageTest {

  /** pySim's test BoundProfilePackage (test resource vectors/, see SOURCES.md there). */
  private static byte[] pySim() throws IOException {
    try (InputStream in =
        BoundProfilePackageTest.class.getResourceAsStream(
            "/vectors/bound-profile-package-pysim-test.der")) {
      return in.readAllBytes();
    }
  }

  @Test
  void splitsPySimsPackageAsAnLpaSendsIt() throws IOException {
    byte[] bpp = pySim();
    Tlv outer = Tlv.parse(bpp);
    List<byte[]> cmds = BoundProfilePackage.storeDataCommands(bpp);

    int n88 = outer.get(0xA1).children().size();
    int n86 = outer.get(0xA3).children().size();
    boolean a2 = outer.find(0xA2).isPresent();
    assertThat(n86).isEqualTo(13);
    assertThat(cmds).hasSize(1 + 1 + 1 + n88 + (a2 ? 1 : 0) + 1 + n86);
    // the BF36 tag and length, then the whole BF23
    assertThat(cmds.get(0)).hasSize(outer.valueOffset() + outer.get(0xBF23).encodedLength());
    assertThat(Hex.encode(cmds.get(0))).startsWith("BF3682");
    assertThat(
            Tlv.parse(cmds.get(0), outer.valueOffset(), cmds.get(0).length - outer.valueOffset())
                .tag())
        .isEqualTo(0xBF23);
    assertThat(Tlv.parse(cmds.get(1)).tag()).isEqualTo(0xA0);
    assertThat(cmds.get(2)[0] & 0xFF).isEqualTo(0xA1);
    assertThat(cmds.get(2)).hasSize(outer.get(0xA1).valueOffset() - outer.get(0xA1).offset());
    assertThat(cmds.get(cmds.size() - 1)[0] & 0xFF).isEqualTo(0x86);
    assertThat(concat(cmds)).isEqualTo(bpp);
  }

  @Test
  void withoutA2ThereIsNoA2CommandAndWrongPackagesAreRefused() throws IOException {
    Tlv outer = Tlv.parse(pySim());
    byte[] noA2 = repackaged(outer, 0xBF23, 0xA0, 0xA1, 0xA3);
    List<byte[]> cmds = BoundProfilePackage.storeDataCommands(noA2);
    assertThat(cmds).noneSatisfy(c -> assertThat(c[0] & 0xFF).isEqualTo(0xA2));
    assertThat(concat(cmds)).isEqualTo(noA2);

    byte[] wrongOuter = noA2.clone();
    wrongOuter[1] = 0x37;
    assertThatThrownBy(() -> BoundProfilePackage.storeDataCommands(wrongOuter))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("BF36");
    byte[] noA3 = repackaged(outer, 0xBF23, 0xA0, 0xA1);
    assertThatThrownBy(() -> BoundProfilePackage.storeDataCommands(noA3))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("missing tag A3");
    assertThatThrownBy(
            () -> BoundProfilePackage.storeDataCommands(java.util.Arrays.copyOf(noA2, 40)))
        .isInstanceOf(CodecException.class);
  }

  /** A BF36 package of {@code outer}'s elements with the given tags, in that order. */
  private static byte[] repackaged(Tlv outer, int... tags) {
    List<byte[]> parts = new java.util.ArrayList<>();
    for (int tag : tags) {
      parts.add(outer.get(tag).encoded());
    }
    return TlvWriter.encode(0xBF36, concat(parts));
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
