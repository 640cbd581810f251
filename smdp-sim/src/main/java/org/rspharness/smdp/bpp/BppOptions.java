package org.rspharness.smdp.bpp;

/**
 * How to lay out a bound profile package.
 *
 * @param hostId the SM-DP+ host id in the CRT and the KDF shared info (1-16 bytes)
 * @param storeMetadataSegments into how many MAC-only segments StoreMetadata is split (>= 1)
 * @param useProfileProtectionKeys PPK mode: a ReplaceSessionKeys segment (A2) carries random
 *     profile keys and the profile elements are protected with them
 * @param maxSegmentLength the BSP segment limit, 1020 per SGP.22 (quirks may raise it)
 */
public record BppOptions(
    byte[] hostId,
    int storeMetadataSegments,
    boolean useProfileProtectionKeys,
    int maxSegmentLength) {

  /** One StoreMetadata segment, session keys only, 1020-byte segments. */
  public static BppOptions defaults(byte[] hostId) {
    return new BppOptions(hostId, 1, false, 1020);
  }
}
