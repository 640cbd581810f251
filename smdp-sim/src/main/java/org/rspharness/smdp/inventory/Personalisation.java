package org.rspharness.smdp.inventory;

import com.beanit.asn1bean.ber.types.BerOctetString;
import java.util.List;
import org.rspharness.asn1.saip.File;
import org.rspharness.asn1.saip.ProfileElement;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.Iccid;

/**
 * Writes a profile's ICCID into its unprotected profile package (SIMalliance/TCA profile package
 * specification): the ProfileHeader ICCID as plain BCD digits ('89..', F-padded) and EF.ICCID's
 * fill content nibble-swapped ('98..'), so that the package and the metadata agree.
 */
public final class Personalisation {

  private Personalisation() {}

  /**
   * Returns {@code profilePackage} with {@code iccid} in its ProfileHeader and EF.ICCID; every
   * other byte is kept.
   *
   * @throws CodecException when the package does not decode or lacks a header or EF.ICCID content
   */
  public static byte[] withIccid(byte[] profilePackage, Iccid iccid) {
    List<ProfileElement> pes = Asn1Codec.decodeAll(profilePackage, ProfileElement::new);
    if (pes.isEmpty() || pes.get(0).getHeader() == null) {
      throw new CodecException("profile package does not start with a ProfileHeader", "offset 0");
    }
    byte[] ef = iccid.toEfIccid();
    pes.get(0).getHeader().setIccid(new BerOctetString(headerForm(ef)));
    ProfileElement mfPe =
        pes.stream()
            .filter(pe -> pe.getMf() != null)
            .findFirst()
            .orElseThrow(() -> new CodecException("profile package has no PE-MF", ""));
    File efIccid = mfPe.getMf().getEfIccid();
    File.CHOICE fill =
        efIccid.getCHOICE().stream()
            .filter(c -> c.getFillFileContent() != null)
            .findFirst()
            .orElse(null);
    if (fill == null) {
      fill = new File.CHOICE();
      efIccid.getCHOICE().add(fill);
    }
    fill.setFillFileContent(new BerOctetString(ef));
    return Asn1Codec.encodeAll(pes);
  }

  /** The ICCID of a package's ProfileHeader. */
  public static Iccid headerIccid(byte[] profilePackage) {
    List<ProfileElement> pes = Asn1Codec.decodeAll(profilePackage, ProfileElement::new);
    if (pes.isEmpty() || pes.get(0).getHeader() == null) {
      throw new CodecException("profile package does not start with a ProfileHeader", "offset 0");
    }
    return Iccid.fromEfIccidUnchecked(headerForm(pes.get(0).getHeader().getIccid().value));
  }

  /** ProfileHeader form = EF.ICCID with each byte's nibbles swapped (and back). */
  static byte[] headerForm(byte[] efIccid) {
    byte[] out = new byte[efIccid.length];
    for (int i = 0; i < efIccid.length; i++) {
      int b = efIccid[i] & 0xFF;
      out[i] = (byte) (((b & 0x0F) << 4) | (b >> 4));
    }
    return out;
  }
}
