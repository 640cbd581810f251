package org.rspharness.euicc.store;

/**
 * One installed profile as the eUICC keeps it: identifiers, state, the StoreMetadata it was
 * installed with (exact bytes, as hex: ProfileInfo is built from it) and a digest of the package
 * instead of the package itself, so an idle card stays small.
 *
 * @param iccid the ICCID digits (as SGP.22 carries them in EF.ICCID order, decoded)
 * @param isdpAid the ISD-P AID, hex
 * @param enabled whether the profile is enabled
 * @param nickname the profile nickname, or null
 * @param profileClass 0 test, 1 provisioning, 2 operational
 * @param ppr1 PPR1 set (disabling not allowed)
 * @param ppr2 PPR2 set (deletion not allowed)
 * @param metadata the StoreMetadataRequest ('BF25') TLV as received, hex
 * @param dpProprietaryData the ConfigureISDP dpProprietaryData ('B8') TLV as received, hex, or null
 * @param size bytes of the profile package (what the memory budget counts)
 * @param sha256 SHA-256 of the profile package, hex
 */
public record ProfileRecord(
    String iccid,
    String isdpAid,
    boolean enabled,
    String nickname,
    int profileClass,
    boolean ppr1,
    boolean ppr2,
    String metadata,
    String dpProprietaryData,
    long size,
    String sha256) {

  /** Validates. */
  public ProfileRecord {
    if (iccid == null || isdpAid == null || metadata == null || sha256 == null) {
      throw new IllegalArgumentException("iccid, isdpAid, metadata and sha256 must be set");
    }
  }

  /** This profile enabled or disabled. */
  public ProfileRecord withEnabled(boolean on) {
    return new ProfileRecord(
        iccid,
        isdpAid,
        on,
        nickname,
        profileClass,
        ppr1,
        ppr2,
        metadata,
        dpProprietaryData,
        size,
        sha256);
  }

  /** This profile with another nickname (null for none). */
  public ProfileRecord withNickname(String name) {
    return new ProfileRecord(
        iccid,
        isdpAid,
        enabled,
        name,
        profileClass,
        ppr1,
        ppr2,
        metadata,
        dpProprietaryData,
        size,
        sha256);
  }
}
