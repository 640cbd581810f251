package org.rspharness.smdp.bpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.asn1.rsp.BoundProfilePackage;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.crypto.BspException;
import org.rspharness.core.crypto.BspSession;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.util.Hex;

class BppBuilderTest {

  private static final byte[] PROFILE = ProfilePackages.minimal(BppFixture.ICCID);

  @ParameterizedTest
  @EnumSource(Curve.class)
  void bindsAProfileThatTheEuiccSideVerifiesDecryptsAndReassembles(Curve curve) {
    BppFixture f = BppFixture.of(curve, 1);
    byte[] profile = bigProfile(5000);
    BoundPackage bound =
        BppBuilder.build(
            f.input(profile, BppOptions.defaults(BppFixture.HOST_ID)), RandomSource.seeded(7));

    BppReader.Parsed p = BppReader.read(bound.encoded());
    BppReader.InitialiseSecureChannel isc = p.initialiseSecureChannel();
    assertThat(isc.remoteOpId()).isEqualTo(1);
    assertThat(isc.transactionId()).isEqualTo(f.transactionId());
    assertThat(isc.keyType()).isEqualTo(0x88);
    assertThat(isc.keyLength()).isEqualTo(0x10);
    assertThat(isc.hostId()).isEqualTo(BppFixture.HOST_ID);
    assertThat(isc.smdpOtpk()).isEqualTo(bound.otPkDp().encoded());
    assertThat(bound.otPkEuicc()).isEqualTo(f.euiccOt().publicKey());
    assertThat(EuiccSide.signatureValid(f, p, f.euiccOt().publicKey().encoded())).isTrue();
    assertThat(p.layout()).isEqualTo(BppReader.Layout.SGP22);
    assertThat(p.secondSequenceOf87Present()).isFalse();

    EuiccSide.Opened opened = EuiccSide.open(f, bound.encoded());
    assertThat(Hex.encode(opened.configureIsdp())).isEqualTo("BF2400");
    assertThat(opened.storeMetadata()).isEqualTo(BppFixture.storeMetadata(0));
    assertThat(opened.profile()).isEqualTo(profile);
    // 5000 bytes at 1007 plaintext bytes per segment: 5 segments, each within 1020 bytes.
    assertThat(p.sequenceOf86()).hasSize(5).allSatisfy(s -> assertThat(s.length).isLessThan(1021));
    assertThat(p.sequenceOf86().get(0)).hasSize(BspSession.MAX_SEGMENT_LENGTH);
  }

  @Test
  void signatureCoversTheEuiccOneTimeKeySoAnotherKeyDoesNotVerify() {
    BppFixture f = BppFixture.of(Curve.NIST_P256, 2);
    BoundPackage bound =
        BppBuilder.build(
            f.input(PROFILE, BppOptions.defaults(BppFixture.HOST_ID)), RandomSource.seeded(8));
    BppReader.Parsed p = BppReader.read(bound.encoded());
    byte[] other =
        OneTimeKeyPair.generate(Curve.NIST_P256, RandomSource.seeded(99)).publicKey().encoded();

    assertThat(EuiccSide.signatureValid(f, p, f.euiccOt().publicKey().encoded())).isTrue();
    assertThat(EuiccSide.signatureValid(f, p, other)).isFalse();
    // the signed part is exactly the received BF23 minus its header and the 5F37 object
    byte[] bf23 = p.initialiseSecureChannel().encoded();
    Tlv t = Tlv.parse(bf23);
    assertThat(p.initialiseSecureChannel().signedPart())
        .isEqualTo(java.util.Arrays.copyOfRange(bf23, t.valueOffset(), t.child(4).offset()));
  }

  @Test
  void encodingDecodesWithTheGeneratedAsn1Types() {
    BppFixture f = BppFixture.of(Curve.BRAINPOOL_P256R1, 3);
    byte[] bpp =
        BppBuilder.build(
                f.input(
                    bigProfile(3000),
                    BppOptions.defaults(BppFixture.HOST_ID)
                        .withProfileProtectionKeys(true)
                        .withStoreMetadataSegments(2)),
                RandomSource.seeded(9))
            .encoded();
    BoundProfilePackage decoded = Asn1Codec.decode(bpp, BoundProfilePackage::new);
    assertThat(decoded.getSequenceOf88().getBerOctetString()).hasSize(2);
    assertThat(decoded.getSecondSequenceOf87().getBerOctetString()).hasSize(1);
    assertThat(decoded.getSequenceOf86().getBerOctetString()).hasSize(3);
    assertThat(decoded.getInitialiseSecureChannelRequest().getTransactionId().value)
        .isEqualTo(f.transactionId());
    assertThat(Asn1Codec.encode(decoded)).isEqualTo(bpp);
  }

  @Test
  void ppkModeCarriesFreshKeysInReplaceSessionKeysAndProtectsTheProfileWithThem() {
    BppFixture f = BppFixture.of(Curve.NIST_P256, 4);
    byte[] profile = bigProfile(2500);
    byte[] bpp =
        BppBuilder.build(
                f.input(
                    profile,
                    BppOptions.defaults(BppFixture.HOST_ID).withProfileProtectionKeys(true)),
                RandomSource.seeded(10))
            .encoded();
    BppReader.Parsed p = BppReader.read(bpp);
    assertThat(p.secondSequenceOf87Present()).isTrue();

    EuiccSide.Opened opened = EuiccSide.open(f, bpp);
    Tlv rsk = Tlv.parse(opened.replaceSessionKeys());
    assertThat(rsk.tag()).isEqualTo(0xBF26);
    assertThat(rsk.children()).extracting(Tlv::tag).containsExactly(0x80, 0x81, 0x82);
    assertThat(rsk.children()).allSatisfy(c -> assertThat(c.value()).hasSize(16));
    assertThat(opened.profile()).isEqualTo(profile);

    // Under the session keys alone (no ReplaceSessionKeys), the first 86 segment fails its MAC.
    BspSession sessionOnly = BspSession.create(EuiccSide.sessionKeys(f, p));
    EuiccSide.unwrapAll(sessionOnly, p.firstSequenceOf87());
    EuiccSide.unwrapAll(sessionOnly, p.sequenceOf88());
    EuiccSide.unwrapAll(sessionOnly, p.secondSequenceOf87());
    assertThatThrownBy(() -> sessionOnly.unwrap(p.sequenceOf86().get(0)))
        .isInstanceOf(BspException.class);
  }

  @Test
  void splitsStoreMetadataIntoTheRequestedNumberOfMacOnlySegments() {
    BppFixture f = BppFixture.of(Curve.NIST_P256, 5);
    byte[] metadata = BppFixture.storeMetadata(100);
    byte[] bpp =
        BppBuilder.build(
                f.input(
                    PROFILE,
                    metadata,
                    BppOptions.defaults(BppFixture.HOST_ID).withStoreMetadataSegments(3)),
                RandomSource.seeded(11))
            .encoded();
    BppReader.Parsed p = BppReader.read(bpp);
    assertThat(p.sequenceOf88()).hasSize(3);
    // MAC-only: the metadata bytes are readable in each segment, in order
    int total = 0;
    for (byte[] s : p.sequenceOf88()) {
      Tlv seg = Tlv.parse(s);
      total += seg.valueLength() - BspSession.MAC_LENGTH;
    }
    assertThat(total).isEqualTo(metadata.length);
    assertThat(EuiccSide.open(f, bpp).storeMetadata()).isEqualTo(metadata);
  }

  @Test
  void metadataLargerThanOneSegmentIsSplitEvenWhenOneSegmentIsAsked() {
    BppFixture f = BppFixture.of(Curve.NIST_P256, 6);
    byte[] metadata = BppFixture.storeMetadata(1024); // the largest icon SGP.22 allows
    byte[] bpp =
        BppBuilder.build(
                f.input(PROFILE, metadata, BppOptions.defaults(BppFixture.HOST_ID)),
                RandomSource.seeded(12))
            .encoded();
    BppReader.Parsed p = BppReader.read(bpp);
    assertThat(p.sequenceOf88()).hasSize(2).allSatisfy(s -> assertThat(s.length).isLessThan(1021));
    assertThat(EuiccSide.open(f, bpp).storeMetadata()).isEqualTo(metadata);
  }

  @Test
  void everySegmentStaysWithin1020BytesAtThePayloadBoundaries() {
    BppFixture f = BppFixture.of(Curve.NIST_P256, 7);
    for (int size : new int[] {1, 1006, 1007, 1008, 2014, 2015}) {
      byte[] profile = bigProfile(size);
      byte[] bpp =
          BppBuilder.build(
                  f.input(profile, BppOptions.defaults(BppFixture.HOST_ID)),
                  RandomSource.seeded(size))
              .encoded();
      BppReader.Parsed p = BppReader.read(bpp);
      List<byte[]> all = new ArrayList<>(p.sequenceOf86());
      all.addAll(p.sequenceOf88());
      all.addAll(p.firstSequenceOf87());
      assertThat(all).allSatisfy(s -> assertThat(s.length).isLessThanOrEqualTo(1020));
      assertThat(p.sequenceOf86()).hasSize((size + 1006) / 1007);
      assertThat(EuiccSide.open(f, bpp).profile()).isEqualTo(profile);
    }
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
    BppFixture f = BppFixture.of(Curve.BRAINPOOL_P256R1, 8);
    BppInput in =
        f.input(
            bigProfile(1500),
            BppOptions.defaults(BppFixture.HOST_ID).withProfileProtectionKeys(true));
    byte[] a = BppBuilder.build(in, RandomSource.seeded(42)).encoded();
    byte[] b = BppBuilder.build(in, RandomSource.seeded(42)).encoded();
    byte[] c = BppBuilder.build(in, RandomSource.seeded(43)).encoded();
    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void bindsEveryTs48ProfileAndGetsItBackByteForByte() throws IOException {
    Path dir = ReferenceData.require("profiles");
    int count = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.der")) {
      for (Path file : files) {
        byte[] profile = ProfilePackages.read(file);
        for (boolean ppk : new boolean[] {false, true}) {
          BppFixture f =
              BppFixture.of(count % 2 == 0 ? Curve.NIST_P256 : Curve.BRAINPOOL_P256R1, count);
          byte[] bpp =
              BppBuilder.build(
                      f.input(
                          profile,
                          BppOptions.defaults(BppFixture.HOST_ID).withProfileProtectionKeys(ppk)),
                      RandomSource.seeded(count))
                  .encoded();
          assertThat(EuiccSide.open(f, bpp).profile()).as(file.toString()).isEqualTo(profile);
          count++;
        }
      }
    }
    assertThat(count).isPositive();
  }

  @Test
  void rejectsInputsWithAClearMessage() {
    BppFixture f = BppFixture.of(Curve.NIST_P256, 9);
    BppFixture brainpool = BppFixture.of(Curve.BRAINPOOL_P256R1, 9);
    assertThatThrownBy(
            () ->
                new BppInput(
                    Curve.NIST_P256,
                    f.dpPb().privateKey(),
                    f.transactionId(),
                    f.eid(),
                    brainpool.euiccOt().publicKey(),
                    BppFixture.storeMetadata(0),
                    PROFILE,
                    BppOptions.defaults(BppFixture.HOST_ID)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("otPkEuicc");
    assertThatThrownBy(() -> BppOptions.defaults(new byte[17]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hostId");
    assertThatThrownBy(() -> f.input(new byte[0], BppOptions.defaults(BppFixture.HOST_ID)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("profilePackage");
    assertThatThrownBy(
            () ->
                BppBuilder.build(
                    f.input(
                        PROFILE,
                        Hex.decode("BF2500"),
                        BppOptions.defaults(BppFixture.HOST_ID).withStoreMetadataSegments(4)),
                    RandomSource.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storeMetadataRequest");
  }

  /** A UPP-like byte string of {@code n} bytes (content does not matter to the BSP). */
  static byte[] bigProfile(int n) {
    byte[] out = RandomSource.seeded(n).bytes(n);
    byte[] head = ProfilePackages.minimal(BppFixture.ICCID);
    System.arraycopy(head, 0, out, 0, Math.min(head.length, n));
    return out;
  }
}
