package org.rspharness.smdp.bpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.bpp.BoundProfilePackage;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.BspSession;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.SessionKeys;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;

class BppReaderTest {

  private static byte[] build(boolean ppk, int metadataSegments) {
    BppFixture f = BppFixture.of(Curve.NIST_P256, 20);
    return BppBuilder.build(
            f.input(
                BppBuilderTest.bigProfile(2100),
                BppFixture.storeMetadata(50),
                BppOptions.defaults(BppFixture.HOST_ID)
                    .withProfileProtectionKeys(ppk)
                    .withStoreMetadataSegments(metadataSegments)),
            RandomSource.seeded(21))
        .encoded();
  }

  @Test
  void splitsIntoStoreDataCommandsAsAnLpaSendsThem() {
    byte[] bpp = build(true, 2);
    Tlv outer = Tlv.parse(bpp);
    List<byte[]> cmds = BoundProfilePackage.storeDataCommands(bpp);
    // BF36+BF23, A0, A1 header, 2 x 88, A2, A3 header, 3 x 86
    assertThat(cmds).hasSize(1 + 1 + 1 + 2 + 1 + 1 + 3);
    assertThat(cmds.get(0))
        .startsWith(java.util.Arrays.copyOf(bpp, outer.valueOffset()))
        .hasSize(outer.valueOffset() + outer.child(0).encodedLength());
    assertThat(Tlv.parse(cmds.get(1)).tag()).isEqualTo(0xA0);
    assertThat(Hex.encode(cmds.get(2))).startsWith("A1").hasSize(4);
    assertThat(cmds.get(3)[0] & 0xFF).isEqualTo(0x88);
    assertThat(cmds.get(4)[0] & 0xFF).isEqualTo(0x88);
    assertThat(Tlv.parse(cmds.get(5)).tag()).isEqualTo(0xA2);
    assertThat(cmds.get(6)[0] & 0xFF).isEqualTo(0xA3);
    assertThat(cmds.subList(7, 10)).allSatisfy(c -> assertThat(c[0] & 0xFF).isEqualTo(0x86));
    assertThat(concat(cmds)).isEqualTo(bpp);
  }

  @Test
  void withoutPpkThereIsNoA2Command() {
    byte[] bpp = build(false, 1);
    List<byte[]> cmds = BoundProfilePackage.storeDataCommands(bpp);
    assertThat(cmds).hasSize(1 + 1 + 1 + 1 + 1 + 3);
    assertThat(cmds).noneSatisfy(c -> assertThat(c[0] & 0xFF).isEqualTo(0xA2));
    assertThat(concat(cmds)).isEqualTo(bpp);
  }

  @Test
  void readsPySimsTestPackageAsNestedSegmentsAndItsSegmentsDecrypt() throws IOException {
    Path file = ReferenceData.require("vectors/bound-profile-package-pysim-test.der");
    byte[] bpp = Files.readAllBytes(file);

    BppReader.Parsed p = BppReader.read(bpp);
    assertThat(p.layout()).isEqualTo(BppReader.Layout.NESTED_SEGMENTS);
    assertThat(p.sequenceOf86()).hasSize(13);
    assertThat(p.sequenceOf86().get(0)).hasSize(1036);
    List<byte[]> cmds = BoundProfilePackage.storeDataCommands(bpp);
    assertThat(concat(cmds)).isEqualTo(bpp);
    assertThat(cmds.get(0)).hasSize(5 + p.initialiseSecureChannel().encoded().length);

    // Keys published with pySim's test (harness-core sgp22-bsp-pysim.txt, case bpp-pysim-test).
    BspSession euicc =
        BspSession.create(
            new SessionKeys(
                Hex.decode("ee3140eafd692b68eff40119b363bc6c"),
                Hex.decode("f11b921c302efb1df6bf218bf2de0dd8"),
                Hex.decode("8cd4d3a761eeac108641d5f4531a137e")),
            2048);
    assertThat(Hex.encode(EuiccSide.unwrapAll(euicc, p.firstSequenceOf87()))).isEqualTo("BF2400");
    assertThat(Hex.encode(EuiccSide.unwrapAll(euicc, p.sequenceOf88())))
        .isEqualToIgnoringCase(
            "bf25285a0a89000123456789012341910a4f736d6f636f6d53504e920e4f736d6f636f6d50726f66696c65");
    euicc.replaceSessionKeys(
        new SessionKeys(
            Hex.decode("22222222222222222222222222222222"),
            Hex.decode("00000000000000000000000000000000"),
            Hex.decode("11111111111111111111111111111111")));
    byte[] upp = EuiccSide.unwrapAll(euicc, p.sequenceOf86());
    assertThat(ProfilePackages.headerIccid(upp).value()).isEqualTo("89000123456789012341");
  }

  @Test
  void ourPackagesReadAsSgp22Layout() {
    assertThat(BppReader.read(build(false, 1)).layout()).isEqualTo(BppReader.Layout.SGP22);
  }

  @Test
  void rejectsMalformedPackagesWithOneCodecException() {
    byte[] bpp = build(false, 1);
    Tlv outer = Tlv.parse(bpp);
    byte[] wrongOuter = bpp.clone();
    wrongOuter[1] = 0x37;
    assertThatThrownBy(() -> BppReader.read(wrongOuter))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("BF36");

    // A1 and A0 swapped
    byte[] swapped =
        TlvWriter.encode(
            0xBF36,
            concat(
                List.of(
                    outer.child(0).encoded(),
                    outer.child(2).encoded(),
                    outer.child(1).encoded(),
                    outer.child(3).encoded())));
    assertThatThrownBy(() -> BppReader.read(swapped))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("firstSequenceOf87");

    // an 87 element inside sequenceOf86
    byte[] badElement =
        TlvWriter.encode(
            0xBF36,
            concat(
                List.of(
                    outer.child(0).encoded(),
                    outer.child(1).encoded(),
                    outer.child(2).encoded(),
                    TlvWriter.encode(0xA3, outer.child(1).child(0).encoded()))));
    assertThatThrownBy(() -> BppReader.read(badElement))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("sequenceOf86");

    assertThatThrownBy(() -> BppReader.read(java.util.Arrays.copyOf(bpp, bpp.length - 1)))
        .isInstanceOf(CodecException.class);
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
