package org.rspharness.smdp.inventory;

import java.nio.charset.StandardCharsets;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;

/**
 * The smallest profile package the simulator can serve without a UPP file: ProfileHeader, PE-MF
 * (MF, EF.ICCID, EF.DIR, EF.ARR) and PE-End, as the SIMalliance/TCA profile package specification
 * (SAIP 2.3) lays them out. It decodes with the generated SAIP classes, so {@link Personalisation}
 * works on it like on a TS.48 package.
 */
public final class MinimalProfile {

  /** templateID of the MF: 2.23.143.1.2.1, content octets. */
  private static final byte[] MF_TEMPLATE = {0x67, (byte) 0x81, 0x0F, 0x01, 0x02, 0x01};

  private MinimalProfile() {}

  /** A package for {@code iccid} with {@code profileType} in its header (at most 100 chars). */
  public static byte[] build(Iccid iccid, String profileType) {
    byte[] ef = iccid.toEfIccid();
    byte[] header =
        TlvBuilder.constructed(0xA0)
            .add(0x80, new byte[] {2}) // major-version
            .add(0x81, new byte[] {3}) // minor-version
            .add(0x82, profileType.getBytes(StandardCharsets.UTF_8))
            .add(0x83, Personalisation.headerForm(ef))
            .add(TlvBuilder.constructed(0xA5)) // eUICC-Mandatory-services: none
            .add(TlvBuilder.constructed(0xA6)) // eUICC-Mandatory-GFSTEList: none
            .build();
    byte[] mf =
        TlvBuilder.constructed(0xB0)
            .add(peHeader(1))
            .add(0x81, MF_TEMPLATE)
            .add(file(0xA2, "7821", "3F00", null, null))
            .add(file(0xA4, "4121", "2FE2", "000A", ef))
            .add(file(0xA5, "42210026", "2F00", null, null))
            .add(file(0xA6, "42210025", "2F06", null, null))
            .build();
    byte[] end = TlvBuilder.constructed(0xAA).add(peHeader(2)).build();
    byte[] out = new byte[header.length + mf.length + end.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(mf, 0, out, header.length, mf.length);
    System.arraycopy(end, 0, out, header.length + mf.length, end.length);
    return out;
  }

  private static TlvBuilder peHeader(int identification) {
    return TlvBuilder.constructed(0xA0)
        .add(0x80, new byte[0]) // mandated
        .add(0x81, new byte[] {(byte) identification});
  }

  private static TlvBuilder file(
      int tag, String descriptor, String fileId, String size, byte[] content) {
    TlvBuilder fcp =
        TlvBuilder.constructed(0xA1)
            .add(0x82, org.rspharness.core.util.Hex.decode(descriptor))
            .add(0x83, org.rspharness.core.util.Hex.decode(fileId));
    if (size != null) {
      fcp.add(0x80, org.rspharness.core.util.Hex.decode(size));
    }
    TlvBuilder f = TlvBuilder.constructed(tag).add(fcp);
    if (content != null) {
      f.addEncoded(TlvWriter.encode(0x83, content));
    }
    return f;
  }
}
