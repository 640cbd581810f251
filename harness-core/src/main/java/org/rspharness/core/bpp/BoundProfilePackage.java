package org.rspharness.core.bpp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.tlv.Tlv;

/**
 * SGP.22 section 2.5.5 / 5.7.6 (ES10b.LoadBoundProfilePackage): splits a BoundProfilePackage (BF36)
 * into the STORE DATA payloads an LPA sends to the eUICC, one ES10b.LoadBoundProfilePackage call
 * each (each may itself span several STORE DATA APDUs of at most 255 bytes):
 *
 * <ol>
 *   <li>the BF36 tag and length (of the whole package) followed by the whole BF23
 *       InitialiseSecureChannelRequest TLV;
 *   <li>the whole A0 firstSequenceOf87 TLV (tag, length and its 87 segment(s));
 *   <li>the A1 sequenceOf88 tag and length only, then each 88 element of A1;
 *   <li>the whole A2 secondSequenceOf87 TLV, if present;
 *   <li>the A3 sequenceOf86 tag and length only, then each 86 element of A3.
 * </ol>
 *
 * <p>Elements travel as they are in the package (pySim's test package nests each segment once more
 * in its element; it is split the same way). The split finds the parts by tag and checks nothing
 * else: judging the package is the eUICC's job, and a harness LPA forwards a faulty one as it is.
 */
public final class BoundProfilePackage {

  private BoundProfilePackage() {}

  /**
   * The payloads of the ES10b.LoadBoundProfilePackage calls, in order; for a package whose parts
   * come in SGP.22's order their concatenation is the package, byte for byte.
   *
   * @throws CodecException when the bytes are not one BF36 TLV holding BF23, A0, A1 and A3
   */
  public static List<byte[]> storeDataCommands(byte[] boundProfilePackage) {
    if (boundProfilePackage == null) {
      throw new IllegalArgumentException("boundProfilePackage must not be null");
    }
    Tlv bpp = Tlv.parse(boundProfilePackage);
    if (bpp.tag() != 0xBF36) {
      throw new CodecException(
          "BoundProfilePackage must have tag BF36, found " + bpp.tagHex(), "offset 0");
    }
    List<byte[]> out = new ArrayList<>();
    Tlv bf23 = bpp.get(0xBF23);
    out.add(concat(header(bpp), bf23.encoded()));
    out.add(bpp.get(0xA0).encoded());
    Tlv a1 = bpp.get(0xA1);
    out.add(header(a1));
    for (Tlv seg : a1.children()) {
      out.add(seg.encoded());
    }
    bpp.find(0xA2).ifPresent(a2 -> out.add(a2.encoded()));
    Tlv a3 = bpp.get(0xA3);
    out.add(header(a3));
    for (Tlv seg : a3.children()) {
      out.add(seg.encoded());
    }
    return Collections.unmodifiableList(out);
  }

  /** The tag and length bytes of {@code t}, without its value. */
  private static byte[] header(Tlv t) {
    return Arrays.copyOfRange(t.array(), t.offset(), t.valueOffset());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
