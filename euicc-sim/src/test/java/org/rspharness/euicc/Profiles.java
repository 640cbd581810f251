package org.rspharness.euicc;

import java.nio.charset.StandardCharsets;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.testkit.Resign;

/** Profile packages and metadata for tests. */
final class Profiles {

  private Profiles() {}

  /** ProfileHeader ICCID: plain BCD digits, padded with F to 10 bytes. */
  static byte[] headerIccid(String digits) {
    StringBuilder s = new StringBuilder(digits);
    while (s.length() < 20) {
      s.append('F');
    }
    return Hex.decode(s.toString());
  }

  /**
   * A small unprotected profile package: ProfileHeader with {@code iccid}, one opaque element of
   * {@code filler} bytes, and an end element.
   */
  static byte[] upp(String iccid, int filler) {
    byte[] header =
        TlvBuilder.constructed(0xA0)
            .add(0x80, new byte[] {2})
            .add(0x81, new byte[] {3})
            .add(0x83, headerIccid(iccid))
            .add(0xA5, new byte[0])
            .add(0xA6, new byte[0])
            .build();
    byte[] data = new byte[filler];
    for (int i = 0; i < filler; i++) {
      data[i] = (byte) (i * 7);
    }
    byte[] opaque = TlvBuilder.constructed(0xA1).add(0x04, data).build();
    byte[] end = TlvBuilder.constructed(0xAA).add(0x80, new byte[] {1}).build();
    return Resign.concat(header, opaque, end);
  }

  /** Options for metadata. */
  static final class Meta {
    Integer profileClass;
    boolean ppr1;
    boolean ppr2;
    String ownerMccMnc;
    String notifyAddress = "notify.example.com";
  }

  /** A StoreMetadataRequest ('BF25') for {@code iccid} with notifications for all events. */
  static byte[] metadata(String iccid, Meta m) {
    TlvBuilder b =
        TlvBuilder.constructed(0xBF25)
            .add(0x5A, Iccid.ofUnchecked(iccid).toEfIccid())
            .add(0x91, "Harness SP".getBytes(StandardCharsets.UTF_8))
            .add(0x92, ("Profile " + iccid).getBytes(StandardCharsets.UTF_8));
    if (m.profileClass != null) {
      b.add(0x95, new byte[] {(byte) (int) m.profileClass});
    }
    if (m.notifyAddress != null) {
      b.add(
          TlvBuilder.constructed(0xB6)
              .add(
                  TlvBuilder.constructed(0x30)
                      .add(0x80, new byte[] {0x04, 0x70})
                      .add(0x81, m.notifyAddress.getBytes(StandardCharsets.UTF_8))));
    }
    if (m.ownerMccMnc != null) {
      b.add(TlvBuilder.constructed(0xB7).add(0x80, Hex.decode(m.ownerMccMnc)));
    }
    if (m.ppr1 || m.ppr2) {
      int bits = (m.ppr1 ? 0x40 : 0) | (m.ppr2 ? 0x20 : 0);
      b.add(0x99, new byte[] {(byte) (m.ppr2 ? 5 : 6), (byte) bits});
    }
    return b.build();
  }

  static byte[] metadata(String iccid) {
    return metadata(iccid, new Meta());
  }
}
