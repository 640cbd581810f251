package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.util.Hex;

class BspSessionTest {

  private static final List<Vectors.Rec> PYSIM = Vectors.load("sgp22-bsp-pysim.txt");

  private static SessionKeys keys(Vectors.Rec v) {
    return new SessionKeys(v.hex("initial_mcv"), v.hex("s_enc"), v.hex("s_mac"));
  }

  private static SessionKeys randomKeys(long seed) {
    RandomSource r = RandomSource.seeded(seed);
    return new SessionKeys(r.bytes(16), r.bytes(16), r.bytes(16));
  }

  // ---- known answers -------------------------------------------------------------------------

  @Test
  void wrapsTheThirdPartySegmentsByteForByteIncludingMacOnlyAndPpkSegments() {
    Vectors.Rec s = Vectors.byCase(PYSIM, "segments-mode51");
    Vectors.Rec ppk = Vectors.byCase(PYSIM, "ppk-segments-mode51");
    BspSession smdp = BspSession.create(keys(s));
    assertThat(smdp.wrapEncrypted(0x87, s.hex("plain1"))).isEqualTo(s.hex("segment1"));
    assertThat(smdp.wrapMacOnly(0x88, s.hex("plain2"))).isEqualTo(s.hex("segment2"));
    assertThat(smdp.wrapEncrypted(0x87, s.hex("plain3"))).isEqualTo(s.hex("segment3"));
    smdp.replaceSessionKeys(keys(ppk));
    assertThat(smdp.blockCounter()).isEqualTo(1);
    assertThat(Hex.encode(smdp.wrapEncrypted(0x86, ppk.hex("plain1"))))
        .isEqualTo(Hex.encode(ppk.hex("segment1")));
    assertThat(Hex.encode(smdp.wrapEncrypted(0x86, ppk.hex("plain2"))))
        .isEqualTo(Hex.encode(ppk.hex("segment2")));
  }

  @Test
  void unwrapsTheThirdPartySegmentsAndTheirReplaceSessionKeysPayloadHoldsThePpks() {
    Vectors.Rec s = Vectors.byCase(PYSIM, "segments-mode51");
    Vectors.Rec ppk = Vectors.byCase(PYSIM, "ppk-segments-mode51");
    BspSession euicc = BspSession.create(keys(s));
    assertThat(euicc.unwrap(s.hex("segment1"))).isEqualTo(s.hex("plain1"));
    assertThat(euicc.unwrap(s.hex("segment2"))).isEqualTo(s.hex("plain2"));
    byte[] replace = euicc.unwrap(s.hex("segment3"));
    assertThat(replace).isEqualTo(s.hex("plain3"));
    assertThat(euicc.blockCounter()).isEqualTo(4);
    // BF26 { 80 initialMacChainingValue, 81 ppkEnc, 82 ppkCmac }: the PPKs of the next case.
    assertThat(Arrays.copyOfRange(replace, 5, 21)).isEqualTo(ppk.hex("initial_mcv"));
    assertThat(Arrays.copyOfRange(replace, 23, 39)).isEqualTo(ppk.hex("s_enc"));
    assertThat(Arrays.copyOfRange(replace, 41, 57)).isEqualTo(ppk.hex("s_mac"));
    euicc.replaceSessionKeys(keys(ppk));
    assertThat(euicc.unwrap(ppk.hex("segment1"))).isEqualTo(ppk.hex("plain1"));
    assertThat(euicc.unwrap(ppk.hex("segment2"))).isEqualTo(ppk.hex("plain2"));
  }

  @Test
  void decryptsPySimsTestBoundProfilePackage() throws Exception {
    // test resource copied from the reference folder (vectors/SOURCES.md): runs everywhere
    byte[] bppFile;
    try (var in = getClass().getResourceAsStream("/vectors/bound-profile-package-pysim-test.der")) {
      bppFile = in.readAllBytes();
    }
    Vectors.Rec v = Vectors.byCase(PYSIM, "bpp-pysim-test");
    Tlv bpp = Tlv.parse(bppFile, 0);
    assertThat(bpp.tag).isEqualTo(0xBF36);
    List<Tlv> parts = bpp.children();
    // pySim nests each protected segment once more in its [n] element (the element's value is
    // the whole segment TLV), and its 0x86 segments are 1036 bytes: over SGP.22's 1020.
    BspSession euicc = BspSession.create(keys(v), 2048);
    byte[] configureIsdp =
        concat(part(parts, 0xA0).children().stream().map(t -> euicc.unwrapEncrypted(t.value)));
    assertThat(configureIsdp).isEqualTo(v.hex("configure_isdp"));
    byte[] storeMetadata =
        concat(part(parts, 0xA1).children().stream().map(t -> euicc.unwrapMacOnly(t.value)));
    assertThat(storeMetadata).isEqualTo(v.hex("store_metadata"));

    List<Tlv> profileSegments = part(parts, 0xA3).children();
    assertThat(profileSegments).hasSize(13);
    assertThatThrownBy(
            () ->
                BspSession.create(
                        new SessionKeys(
                            v.hex("ppk_initial_mcv"), v.hex("ppk_enc"), v.hex("ppk_mac")))
                    .unwrap(profileSegments.get(0).value))
        .isInstanceOf(BspException.class)
        .extracting(e -> ((BspException) e).reason())
        .isEqualTo(BspException.Reason.SEGMENT_TOO_LONG);

    euicc.replaceSessionKeys(
        new SessionKeys(v.hex("ppk_initial_mcv"), v.hex("ppk_enc"), v.hex("ppk_mac")));
    byte[] upp = concat(profileSegments.stream().map(t -> euicc.unwrapEncrypted(t.value)));
    assertThat(Hex.encode(Arrays.copyOf(upp, v.hex("upp_prefix").length)))
        .isEqualTo(Hex.encode(v.hex("upp_prefix")));
    // The plaintext is, byte for byte, one of the TS.48 test profiles in the reference data.
    byte[] ts48 =
        Files.readAllBytes(
            org.rspharness.core.testsupport.ReferenceData.require(v.text("upp_file")));
    assertThat(upp).hasSize(ts48.length).isEqualTo(ts48);
  }

  // ---- round trips ---------------------------------------------------------------------------

  @Test
  void wrapThenUnwrapAcrossManySegmentsKeepsBothSidesInStep() {
    SessionKeys k = randomKeys(1);
    BspSession smdp = BspSession.create(k);
    BspSession euicc = BspSession.create(k);
    RandomSource random = RandomSource.seeded(2);
    byte[] configure = random.bytes(3);
    byte[] metadata = random.bytes(200);
    byte[] profile = random.bytes(5000);
    List<byte[]> wire = new ArrayList<>();
    wire.add(smdp.wrapEncrypted(0x87, configure));
    wire.add(smdp.wrapMacOnly(0x88, metadata));
    List<byte[]> profileSegments = smdp.wrapEncryptedSegments(0x86, profile);
    assertThat(profileSegments).hasSize(5); // 1007 bytes per segment
    profileSegments.forEach(s -> assertThat(s.length).isLessThanOrEqualTo(1020));
    wire.addAll(profileSegments);

    assertThat(euicc.unwrapEncrypted(wire.get(0))).isEqualTo(configure);
    assertThat(euicc.unwrapMacOnly(wire.get(1))).isEqualTo(metadata);
    byte[] got = concat(wire.subList(2, wire.size()).stream().map(euicc::unwrapEncrypted));
    assertThat(got).isEqualTo(profile);
    assertThat(euicc.blockCounter()).isEqualTo(smdp.blockCounter()).isEqualTo(8);
    assertThat(euicc.macChainingValue()).isEqualTo(smdp.macChainingValue());
  }

  @Test
  void ppkSwitchMidStreamRoundTrips() {
    BspSession smdp = BspSession.create(randomKeys(3));
    BspSession euicc = BspSession.create(randomKeys(3));
    SessionKeys ppk = randomKeys(4);
    byte[] a = smdp.wrapEncrypted(0x87, new byte[] {1, 2, 3});
    smdp.replaceSessionKeys(ppk);
    byte[] b = smdp.wrapEncrypted(0x86, new byte[] {4, 5});
    assertThat(euicc.unwrap(a)).containsExactly(1, 2, 3);
    // Still on the session keys: the PPK segment fails, and does not disturb the session.
    assertThatThrownBy(() -> euicc.unwrap(b)).isInstanceOf(BspException.class);
    euicc.replaceSessionKeys(ppk);
    assertThat(euicc.unwrap(b)).containsExactly(4, 5);
  }

  @Test
  void paddingIsAlwaysAddedAndEveryLengthUpToTheLimitRoundTrips() {
    SessionKeys k = randomKeys(5);
    BspSession smdp = BspSession.create(k);
    BspSession euicc = BspSession.create(k);
    assertThat(smdp.maxEncryptedPayload()).isEqualTo(1007);
    assertThat(smdp.maxMacOnlyPayload()).isEqualTo(1008);
    RandomSource random = RandomSource.seeded(6);
    for (int len : new int[] {0, 1, 15, 16, 17, 111, 112, 127, 128, 1000, 1007}) {
      byte[] data = random.bytes(len);
      byte[] seg = smdp.wrapEncrypted(0x86, data);
      int header = seg[1] == (byte) 0x82 ? 4 : seg[1] == (byte) 0x81 ? 3 : 2;
      assertThat(seg.length - header - 8)
          .as("ciphertext for " + len)
          .isEqualTo((len / 16 + 1) * 16);
      assertThat(euicc.unwrap(seg)).as("length " + len).isEqualTo(data);
    }
    byte[] full = smdp.wrapMacOnly(0x88, random.bytes(1008));
    assertThat(full).hasSize(1020);
    assertThat(euicc.unwrap(full)).hasSize(1008);
  }

  @Test
  void refusesToWrapMoreThanOneSegmentHolds() {
    BspSession smdp = BspSession.create(randomKeys(7));
    assertThatThrownBy(() -> smdp.wrapEncrypted(0x86, new byte[1008]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plaintext")
        .hasMessageContaining("1007");
    assertThatThrownBy(() -> smdp.wrapMacOnly(0x88, new byte[1009]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1008");
    assertThat(smdp.blockCounter()).isEqualTo(1);
  }

  // ---- negative cases ------------------------------------------------------------------------

  private static BspException.Reason reasonOf(Runnable r) {
    try {
      r.run();
    } catch (BspException e) {
      return e.reason();
    }
    throw new AssertionError("no BspException");
  }

  @Test
  void detectsAWrongMacAndLeavesTheSessionUsable() {
    SessionKeys k = randomKeys(8);
    byte[] seg = BspSession.create(k).wrapEncrypted(0x87, new byte[] {9});
    byte[] bad = seg.clone();
    bad[bad.length - 1] ^= 1;
    BspSession euicc = BspSession.create(k);
    assertThatThrownBy(() -> euicc.unwrap(bad))
        .isInstanceOf(BspException.class)
        .hasMessageContaining("C-MAC")
        .satisfies(e -> assertThat(((BspException) e).reason().errorReason()).isEqualTo(8));
    assertThat(euicc.blockCounter()).isEqualTo(1);
    assertThat(euicc.unwrap(seg)).containsExactly(9);
  }

  @Test
  void detectsAlteredCiphertextAndAlteredMacOnlyData() {
    SessionKeys k = randomKeys(9);
    BspSession smdp = BspSession.create(k);
    byte[] enc = smdp.wrapEncrypted(0x87, new byte[40]);
    byte[] mac = smdp.wrapMacOnly(0x88, new byte[40]);
    enc[10] ^= 0x40;
    mac[10] ^= 0x40;
    BspSession euicc = BspSession.create(k);
    assertThat(reasonOf(() -> euicc.unwrap(enc))).isEqualTo(BspException.Reason.MAC_MISMATCH);
    BspSession euicc2 = BspSession.create(k);
    euicc2.unwrap(BspSession.create(k).wrapEncrypted(0x87, new byte[40]));
    assertThat(reasonOf(() -> euicc2.unwrap(mac))).isEqualTo(BspException.Reason.MAC_MISMATCH);
  }

  @Test
  void detectsAWrongMacKey() {
    SessionKeys k = randomKeys(10);
    byte[] seg = BspSession.create(k).wrapEncrypted(0x87, new byte[] {1});
    SessionKeys otherMac = new SessionKeys(k.initialMacChainingValue(), k.sEnc(), new byte[16]);
    assertThat(reasonOf(() -> BspSession.create(otherMac).unwrap(seg)))
        .isEqualTo(BspException.Reason.MAC_MISMATCH);
  }

  @Test
  void aWrongEncryptionKeyWithTheRightMacKeyFailsOnPadding() {
    SessionKeys k = randomKeys(11);
    byte[] seg = BspSession.create(k).wrapEncrypted(0x87, new byte[] {1, 2, 3});
    SessionKeys otherEnc = new SessionKeys(k.initialMacChainingValue(), new byte[16], k.sMac());
    BspSession euicc = BspSession.create(otherEnc);
    assertThat(reasonOf(() -> euicc.unwrap(seg))).isEqualTo(BspException.Reason.BAD_PADDING);
    assertThat(BspException.Reason.BAD_PADDING.errorReason()).isEqualTo(8);
    assertThat(euicc.blockCounter()).isEqualTo(1);
  }

  @Test
  void detectsASegmentReplayedOrOutOfOrder() {
    SessionKeys k = randomKeys(12);
    BspSession smdp = BspSession.create(k);
    byte[] first = smdp.wrapEncrypted(0x86, new byte[] {1});
    byte[] second = smdp.wrapEncrypted(0x86, new byte[] {2});
    byte[] third = smdp.wrapMacOnly(0x88, new byte[] {3});
    BspSession euicc = BspSession.create(k);
    assertThat(reasonOf(() -> euicc.unwrap(second))).isEqualTo(BspException.Reason.MAC_MISMATCH);
    assertThat(euicc.unwrap(first)).containsExactly(1);
    assertThat(reasonOf(() -> euicc.unwrap(first))).isEqualTo(BspException.Reason.MAC_MISMATCH);
    assertThat(reasonOf(() -> euicc.unwrap(third))).isEqualTo(BspException.Reason.MAC_MISMATCH);
    assertThat(euicc.unwrap(second)).containsExactly(2);
    assertThat(euicc.unwrap(third)).containsExactly(3);
  }

  @Test
  void detectsATruncatedSegment() {
    SessionKeys k = randomKeys(13);
    byte[] seg = BspSession.create(k).wrapEncrypted(0x86, new byte[300]);
    BspSession euicc = BspSession.create(k);
    assertThatThrownBy(() -> euicc.unwrap(Arrays.copyOf(seg, seg.length - 1)))
        .isInstanceOf(BspException.class)
        .hasMessageContaining("TRUNCATED")
        .satisfies(e -> assertThat(((BspException) e).reason().errorReason()).isEqualTo(7));
    assertThat(reasonOf(() -> euicc.unwrap(Arrays.copyOf(seg, 3))))
        .isEqualTo(BspException.Reason.TRUNCATED);
    assertThat(reasonOf(() -> euicc.unwrap(new byte[] {(byte) 0x86})))
        .isEqualTo(BspException.Reason.TRUNCATED);
    assertThat(reasonOf(() -> euicc.unwrap(Arrays.copyOf(seg, seg.length + 2))))
        .isEqualTo(BspException.Reason.TRAILING_BYTES);
    assertThat(euicc.unwrap(seg)).hasSize(300);
  }

  @Test
  void detectsAnOverLongSegment() {
    SessionKeys k = randomKeys(14);
    BspSession lenient = BspSession.create(k, 1100);
    byte[] seg = lenient.wrapEncrypted(0x86, new byte[1050]);
    assertThat(seg.length).isGreaterThan(1020);
    assertThatThrownBy(() -> BspSession.create(k).unwrap(seg))
        .isInstanceOf(BspException.class)
        .hasMessageContaining("exceeds the limit of 1020")
        .satisfies(
            e ->
                assertThat(((BspException) e).reason())
                    .isEqualTo(BspException.Reason.SEGMENT_TOO_LONG));
    assertThat(BspSession.create(k, 1100).unwrap(seg)).hasSize(1050);
  }

  @Test
  void rejectsMalformedHeadersAndLengths() {
    BspSession euicc = BspSession.create(randomKeys(15));
    assertThat(reasonOf(() -> euicc.unwrap(Hex.decode("BF2600"))))
        .isEqualTo(BspException.Reason.BAD_HEADER);
    assertThat(reasonOf(() -> euicc.unwrap(Hex.decode("8680"))))
        .isEqualTo(BspException.Reason.BAD_HEADER);
    assertThat(reasonOf(() -> euicc.unwrap(Hex.decode("8604" + "00000000"))))
        .isEqualTo(BspException.Reason.BAD_LENGTH);
    // 8 bytes of ciphertext + 8 MAC: not a multiple of 16.
    assertThat(reasonOf(() -> euicc.unwrap(Hex.decode("8610" + "00".repeat(16)))))
        .isEqualTo(BspException.Reason.BAD_LENGTH);
    assertThat(reasonOf(() -> euicc.unwrap(null))).isEqualTo(BspException.Reason.TRUNCATED);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static byte[] concat(Stream<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static Tlv part(List<Tlv> parts, int tag) {
    return parts.stream().filter(t -> t.tag == tag).findFirst().orElseThrow();
  }

  /** Minimal BER-TLV reader for walking the test BPP (definite lengths only). */
  private static final class Tlv {
    final int tag;
    final byte[] value;
    final int end;

    private Tlv(int tag, byte[] value, int end) {
      this.tag = tag;
      this.value = value;
      this.end = end;
    }

    static Tlv parse(byte[] b, int off) {
      int tag = b[off++] & 0xFF;
      if ((tag & 0x1F) == 0x1F) {
        int next;
        do {
          next = b[off++] & 0xFF;
          tag = (tag << 8) | next;
        } while ((next & 0x80) != 0);
      }
      int len = b[off++] & 0xFF;
      if (len > 0x80) {
        int n = len & 0x7F;
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[off++] & 0xFF);
        }
      }
      return new Tlv(tag, Arrays.copyOfRange(b, off, off + len), off + len);
    }

    List<Tlv> children() {
      List<Tlv> out = new ArrayList<>();
      int off = 0;
      while (off < value.length) {
        Tlv t = parse(value, off);
        out.add(t);
        off = t.end;
      }
      return out;
    }
  }
}
