package org.rspharness.smdp.bpp;

import java.util.Arrays;
import org.rspharness.core.crypto.BspSession;

/**
 * How to lay out a bound profile package.
 *
 * @param hostId the SM-DP+ host id in the CRT and the KDF shared info (1-16 bytes)
 * @param storeMetadataSegments into how many MAC-only segments StoreMetadata is split (>= 1); more
 *     are used when the metadata does not fit (a 1024-byte icon does not fit one segment)
 * @param useProfileProtectionKeys PPK mode: a ReplaceSessionKeys segment (A2) carries random
 *     profile keys and the profile elements are protected with them
 * @param maxSegmentLength the BSP segment limit, 1020 per SGP.22 (quirks may raise it)
 */
public record BppOptions(
    byte[] hostId,
    int storeMetadataSegments,
    boolean useProfileProtectionKeys,
    int maxSegmentLength) {

  /** Validates every field; IllegalArgumentException names the field. */
  public BppOptions {
    if (hostId == null || hostId.length < 1 || hostId.length > 16) {
      throw new IllegalArgumentException(
          "hostId: expected 1 to 16 bytes (OctetTo16), got "
              + (hostId == null ? "none" : hostId.length));
    }
    hostId = hostId.clone();
    if (storeMetadataSegments < 1) {
      throw new IllegalArgumentException(
          "storeMetadataSegments: " + storeMetadataSegments + ", expected at least 1");
    }
    if (maxSegmentLength < 64 || maxSegmentLength > 65539) {
      throw new IllegalArgumentException(
          "maxSegmentLength: " + maxSegmentLength + " out of range 64..65539");
    }
  }

  /** One StoreMetadata segment, session keys only, 1020-byte segments. */
  public static BppOptions defaults(byte[] hostId) {
    return new BppOptions(hostId, 1, false, BspSession.MAX_SEGMENT_LENGTH);
  }

  /** A copy with StoreMetadata split into {@code n} segments. */
  public BppOptions withStoreMetadataSegments(int n) {
    return new BppOptions(hostId, n, useProfileProtectionKeys, maxSegmentLength);
  }

  /** A copy with PPK mode on or off. */
  public BppOptions withProfileProtectionKeys(boolean on) {
    return new BppOptions(hostId, storeMetadataSegments, on, maxSegmentLength);
  }

  /** A copy with another segment limit (a quirk: SGP.22 says 1020). */
  public BppOptions withMaxSegmentLength(int limit) {
    return new BppOptions(hostId, storeMetadataSegments, useProfileProtectionKeys, limit);
  }

  @Override
  public byte[] hostId() {
    return hostId.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BppOptions b
        && Arrays.equals(b.hostId, hostId)
        && b.storeMetadataSegments == storeMetadataSegments
        && b.useProfileProtectionKeys == useProfileProtectionKeys
        && b.maxSegmentLength == maxSegmentLength;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hostId) * 31
        + Integer.hashCode(storeMetadataSegments) * 7
        + Boolean.hashCode(useProfileProtectionKeys) * 3
        + maxSegmentLength;
  }

  @Override
  public String toString() {
    return "BppOptions[hostId="
        + org.rspharness.core.util.Hex.encode(hostId)
        + ", storeMetadataSegments="
        + storeMetadataSegments
        + ", useProfileProtectionKeys="
        + useProfileProtectionKeys
        + ", maxSegmentLength="
        + maxSegmentLength
        + "]";
  }
}
