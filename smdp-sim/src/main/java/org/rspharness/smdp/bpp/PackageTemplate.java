package org.rspharness.smdp.bpp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rspharness.core.ids.Iccid;

/**
 * A profile package ready to personalise many times: {@link ProfilePackages#withIccid} decodes and
 * re-encodes the whole package (milliseconds for a 12 KB TS.48 profile); the ICCID's two encodings
 * have fixed lengths (10 bytes each), so this personalises the package once, remembers where the
 * ICCID bytes sit in the encoding, and later only copies the bytes and writes the new ICCID there.
 * The positions are checked with a second ICCID at construction; when the check fails (an ICCID
 * pattern that also occurs elsewhere, say) every call falls back to the full decode and re-encode.
 * Thread-safe and immutable.
 */
public final class PackageTemplate {

  private static final Iccid PROBE_A = Iccid.ofUnchecked("89887766554433221107");
  private static final Iccid PROBE_B = Iccid.ofUnchecked("89112233445566778893");

  private final byte[] upp;
  private final byte[] base;
  private final int[] headerAt;
  private final int[] efAt;

  private PackageTemplate(byte[] upp, byte[] base, int[] headerAt, int[] efAt) {
    this.upp = upp;
    this.base = base;
    this.headerAt = headerAt;
    this.efAt = efAt;
  }

  /**
   * The template of {@code upp} (copied).
   *
   * @throws org.rspharness.core.codec.CodecException when the package does not decode
   */
  public static PackageTemplate of(byte[] upp) {
    byte[] copy = upp.clone();
    byte[] a = ProfilePackages.withIccid(copy, PROBE_A);
    int[] header = find(a, ProfilePackages.plainBcd(PROBE_A));
    int[] ef = find(a, PROBE_A.toEfIccid());
    PackageTemplate t = new PackageTemplate(copy, a, header, ef);
    if (header.length != 1
        || ef.length > 1
        || !Arrays.equals(t.patch(PROBE_B), ProfilePackages.withIccid(copy, PROBE_B))) {
      return new PackageTemplate(copy, null, null, null);
    }
    return t;
  }

  /** The package personalised with {@code iccid}, as {@link ProfilePackages#withIccid} makes it. */
  public byte[] withIccid(Iccid iccid) {
    return base == null ? ProfilePackages.withIccid(upp, iccid) : patch(iccid);
  }

  /** True when personalising copies bytes (false: the full decode and re-encode per call). */
  public boolean patches() {
    return base != null;
  }

  private byte[] patch(Iccid iccid) {
    byte[] out = base.clone();
    byte[] bcd = ProfilePackages.plainBcd(iccid);
    for (int at : headerAt) {
      System.arraycopy(bcd, 0, out, at, bcd.length);
    }
    byte[] ef = iccid.toEfIccid();
    for (int at : efAt) {
      System.arraycopy(ef, 0, out, at, ef.length);
    }
    return out;
  }

  private static int[] find(byte[] hay, byte[] needle) {
    List<Integer> at = new ArrayList<>();
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      at.add(i);
    }
    return at.stream().mapToInt(Integer::intValue).toArray();
  }
}
