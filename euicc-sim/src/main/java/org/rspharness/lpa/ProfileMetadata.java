package org.rspharness.lpa;

import java.nio.charset.StandardCharsets;
import org.rspharness.asn1.rsp.StoreMetadataRequest;
import org.rspharness.core.ids.Iccid;

/**
 * SGP.22 section 2.4a: what the SM-DP+ says about the profile before it is downloaded (from the
 * StoreMetadataRequest of ES9+.AuthenticateClient), for the consent decision.
 *
 * @param iccid the profile's ICCID
 * @param serviceProviderName the service provider
 * @param profileName the profile name
 * @param profileClass 0 test, 1 provisioning, 2 operational (the default when absent)
 * @param profilePolicyRules the PPR bits as one byte (0x40 ppr1, 0x20 ppr2), 0 when none
 * @param ownerMccMnc the profile owner's MCC/MNC (3 bytes), or null
 * @param encoded the StoreMetadataRequest (BF25) as received
 */
public record ProfileMetadata(
    Iccid iccid,
    String serviceProviderName,
    String profileName,
    int profileClass,
    int profilePolicyRules,
    byte[] ownerMccMnc,
    byte[] encoded) {

  /** Reads the parts the LPA shows or checks. */
  public static ProfileMetadata of(StoreMetadataRequest m, byte[] encoded) {
    int ppr = 0;
    if (m.getProfilePolicyRules() != null && m.getProfilePolicyRules().value.length > 0) {
      ppr = m.getProfilePolicyRules().value[0] & 0xFF;
    }
    return new ProfileMetadata(
        Iccid.fromEfIccidUnchecked(m.getIccid().value),
        utf8(m.getServiceProviderName()),
        utf8(m.getProfileName()),
        m.getProfileClass() == null ? 2 : m.getProfileClass().value.intValue(),
        ppr,
        m.getProfileOwner() == null ? null : m.getProfileOwner().getMccMnc().value,
        encoded);
  }

  private static String utf8(com.beanit.asn1bean.ber.types.string.BerUTF8String s) {
    return s == null ? "" : new String(s.value, StandardCharsets.UTF_8);
  }
}
