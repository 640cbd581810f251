package org.rspharness.smdp.fault;

import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.tlv.Tlv;

/**
 * SGP.22 section 2.5.5: alters one segment of a Bound Profile Package as received by the LPA.
 *
 * <p>Segments are numbered from 0 over the BSP-protected TLVs in package order: each '87' of
 * firstSequenceOf87 (ConfigureISDP), each '88' of sequenceOf88 (StoreMetadata), each '87' of
 * secondSequenceOf87 (ReplaceSessionKeys) when present, then each '86' of sequenceOf86 (the profile
 * elements). With one ConfigureISDP and one StoreMetadata segment (the usual layout): ConfigureISDP
 * = 0, StoreMetadata = 1, ReplaceSessionKeys = 2 if present, then the first profile segment.
 *
 * <p>A corrupted segment has the first byte of its data flipped (ciphertext for '86'/'87', the
 * MAC-protected data for '88'); a bad MAC has the last byte of its 8-byte C-MAC flipped. SCP03t's
 * MAC covers the ciphertext, so the eUICC detects either as a MAC failure: installation fails with
 * scp03tSecurityError(8) at that segment's bppCommandId.
 */
public final class BppCorruption {

  private BppCorruption() {}

  /** The protected segments of {@code bpp} (views into a parse of it), in order. */
  public static List<Tlv> segments(byte[] bpp) {
    Tlv root = Tlv.parse(bpp);
    if (root.tag() != 0xBF36) {
      throw new IllegalArgumentException(
          "boundProfilePackage: expected tag BF36, found " + root.tagHex());
    }
    List<Tlv> out = new ArrayList<>();
    for (int container : new int[] {0xA0, 0xA1, 0xA2, 0xA3}) {
      root.find(container).ifPresent(c -> out.addAll(c.children()));
    }
    return out;
  }

  /**
   * A copy of {@code bpp} with segment {@code n} corrupted: its MAC when {@code badMac}, else its
   * first data byte.
   *
   * @throws IllegalArgumentException when the package has no segment {@code n}
   */
  public static byte[] apply(byte[] bpp, int n, boolean badMac) {
    byte[] copy = bpp.clone();
    List<Tlv> segments = segments(copy);
    if (n < 0 || n >= segments.size()) {
      throw new IllegalArgumentException(
          "segment: " + n + " out of range, the package has " + segments.size() + " segments");
    }
    Tlv s = segments.get(n);
    if (s.valueLength() <= 8) {
      throw new IllegalArgumentException("segment " + n + " is too short to hold a MAC");
    }
    // the parse is a view of copy: its offsets are offsets into copy
    copy[badMac ? s.end() - 1 : s.valueOffset()] ^= 0x01;
    return copy;
  }
}
