package org.rspharness.euicc.profile;

import java.util.Optional;
import org.rspharness.core.tlv.Der;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.store.ProfileRecord;

/**
 * SGP.22 section 5.7.15: a ProfileInfo ('E3') from a stored profile, with all its data objects or
 * only those a tag list asks for, in the order of the ASN.1 definition.
 */
public final class ProfileInfos {

  /** Tag of ProfileInfo. */
  public static final int TAG = 0xE3;

  /** ProfileInfo tags in definition order (metadata tags are copied from the stored BF25). */
  private static final int[] ORDER = {
    0x5A, 0x4F, 0x9F70, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0xB6, 0xB7, 0xB8, 0x99
  };

  private ProfileInfos() {}

  /** The ISD-P AID of index {@code n}: A0000005591010FFFFFFFF8900 || (0x10 + n, 2 bytes) || 00. */
  public static String isdpAid(int n) {
    if (n < 0 || n > 0xFFEF) {
      throw new IllegalArgumentException("ISD-P index out of range: " + n);
    }
    return String.format("A0000005591010FFFFFFFF8900%04X00", 0x10 + n);
  }

  /**
   * The ProfileInfo of {@code profile}; {@code tagList} (the '5C' value) limits the data objects,
   * null for all.
   */
  public static byte[] build(ProfileRecord profile, byte[] tagList) {
    Tlv metadata = Tlv.parse(Hex.decode(profile.metadata()));
    TlvBuilder b = TlvBuilder.constructed(TAG);
    for (int tag : ORDER) {
      if (tagList != null && !listed(tagList, tag)) {
        continue;
      }
      byte[] tlv = dataObject(profile, metadata, tag);
      if (tlv != null) {
        b.addEncoded(tlv);
      }
    }
    return b.build();
  }

  private static byte[] dataObject(ProfileRecord profile, Tlv metadata, int tag) {
    switch (tag) {
      case 0x4F:
        return TlvWriter.encode(0x4F, Hex.decode(profile.isdpAid()));
      case 0x9F70:
        return TlvWriter.encode(0x9F70, new byte[] {(byte) (profile.enabled() ? 1 : 0)});
      case 0x90:
        return profile.nickname() == null ? null : Der.utf8(0x90, profile.nickname());
      case 0x95:
        // SGP.22: profileClass DEFAULT operational; real cards always list it.
        return Der.integer(0x95, profile.profileClass());
      case 0xB8:
        return profile.dpProprietaryData() == null ? null : Hex.decode(profile.dpProprietaryData());
      default:
        Optional<Tlv> t = metadata.find(tag);
        return t.map(Tlv::encoded).orElse(null);
    }
  }

  private static boolean listed(byte[] tagList, int tag) {
    int i = 0;
    while (i < tagList.length) {
      int t = tagList[i++] & 0xFF;
      if ((t & 0x1F) == 0x1F) {
        while (i < tagList.length) {
          int b = tagList[i++] & 0xFF;
          t = (t << 8) | b;
          if ((b & 0x80) == 0) {
            break;
          }
        }
      }
      if (t == tag) {
        return true;
      }
    }
    return false;
  }
}
