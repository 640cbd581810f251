package org.rspharness.euicc.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.tlv.Der;
import org.rspharness.core.tlv.Tlv;

/**
 * SGP.22 section 5.5.3: the parts of a StoreMetadataRequest ('BF25') the eUICC acts on, read from
 * the bytes as received (which are kept verbatim for ProfileInfo).
 *
 * @param tlv the received 'BF25' TLV
 * @param iccid the ICCID ('5A', EF.ICCID coding) decoded to digits
 * @param profileClass 0 test, 1 provisioning, 2 operational (the default when absent)
 * @param ppr1 PPR1 set
 * @param ppr2 PPR2 set
 * @param notificationAddresses per NotificationOperation bit (0..3), the configured address or null
 * @param ownerMccMnc the profile owner's 3-byte MCC/MNC, or null
 */
public record ProfileMetadata(
    Tlv tlv,
    Iccid iccid,
    int profileClass,
    boolean ppr1,
    boolean ppr2,
    List<String> notificationAddresses,
    byte[] ownerMccMnc) {

  /** Tag of StoreMetadataRequest. */
  public static final int TAG = 0xBF25;

  /**
   * Parses a received StoreMetadataRequest.
   *
   * @throws CodecException when the TLV is not a StoreMetadataRequest with the mandatory ICCID,
   *     service provider name and profile name
   */
  public static ProfileMetadata parse(byte[] bytes) {
    Tlv tlv = Tlv.parse(bytes);
    tlv.requireWellFormedTree();
    if (tlv.tag() != TAG) {
      throw new CodecException(
          "expected StoreMetadataRequest BF25, found " + tlv.tagHex(), "offset 0");
    }
    Tlv iccidTlv = tlv.get(0x5A);
    if (iccidTlv.valueLength() != Iccid.EF_ICCID_LENGTH) {
      throw new CodecException("metadata ICCID must be 10 bytes", "offset " + iccidTlv.offset());
    }
    tlv.get(0x91);
    tlv.get(0x92);
    Iccid iccid = Iccid.fromEfIccidUnchecked(iccidTlv.value());
    int profileClass = tlv.find(0x95).map(Der::intValue).orElse(2);
    if (profileClass < 0 || profileClass > 2) {
      throw new CodecException("profileClass out of range: " + profileClass, "tag 95");
    }
    boolean ppr1 = false;
    boolean ppr2 = false;
    Optional<Tlv> ppr = tlv.find(0x99);
    if (ppr.isPresent()) {
      byte[] bits = ppr.get().value();
      ppr1 = Der.bit(bits, 1);
      ppr2 = Der.bit(bits, 2);
    }
    List<String> addresses = new ArrayList<>(List.of("", "", "", ""));
    Optional<Tlv> nci = tlv.find(0xB6);
    if (nci.isPresent()) {
      for (Tlv info : nci.get().children()) {
        // NotificationConfigurationInformation has no tags of its own: AUTOMATIC TAGS gives 80, 81.
        byte[] op = info.get(0x80).value();
        String address = Der.utf8Value(info.get(0x81));
        for (int bit = 0; bit < 4; bit++) {
          if (Der.bit(op, bit) && addresses.get(bit).isEmpty()) {
            addresses.set(bit, address);
          }
        }
      }
    }
    byte[] owner = tlv.find(0xB7).map(o -> o.get(0x80).value()).orElse(null);
    List<String> out = new ArrayList<>();
    for (String a : addresses) {
      out.add(a.isEmpty() ? null : a);
    }
    return new ProfileMetadata(
        tlv, iccid, profileClass, ppr1, ppr2, java.util.Collections.unmodifiableList(out), owner);
  }

  /** The configured notification address for NotificationOperation bit {@code event}, if any. */
  public Optional<String> notificationAddress(int event) {
    return Optional.ofNullable(notificationAddresses.get(event));
  }
}
