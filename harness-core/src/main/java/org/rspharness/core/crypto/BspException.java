package org.rspharness.core.crypto;

/**
 * A BSP (SCP03t) segment the receiver must refuse, with the SGP.22 reason class it maps to.
 *
 * <p>Why not {@link org.rspharness.core.codec.CodecException}: a BSP failure is a protocol outcome
 * the eUICC reports in its ProfileInstallationResult (errorReason scp03tStructureError(7) or
 * scp03tSecurityError(8)), so callers need the class, not just "malformed". A failed unwrap leaves
 * the session unchanged (counter and MAC chaining value), so the caller decides whether to abort,
 * as SGP.22 requires, or to inspect further.
 */
public final class BspException extends RuntimeException {

  /** What was wrong with the segment. */
  public enum Reason {
    /** Not a single-byte tag with a 1-3 byte BER length. */
    BAD_HEADER(false),
    /** Fewer bytes than the length field announces. */
    TRUNCATED(false),
    /** Bytes after the TLV. */
    TRAILING_BYTES(false),
    /** The segment is longer than the session's maximum (1020 bytes by SGP.22). */
    SEGMENT_TOO_LONG(false),
    /** Value shorter than the 8-byte MAC, or ciphertext not a non-empty multiple of 16. */
    BAD_LENGTH(false),
    /** The C-MAC does not match (wrong key, altered data, or a segment out of order/replayed). */
    MAC_MISMATCH(true),
    /** The MAC matched but the decrypted data does not end in 80 00..00 padding. */
    BAD_PADDING(true);

    private final boolean security;

    Reason(boolean security) {
      this.security = security;
    }

    /**
     * The SGP.22 ProfileInstallationResult errorReason: 8 (scp03tSecurityError) for MAC and padding
     * failures, 7 (scp03tStructureError) for the rest.
     */
    public int errorReason() {
      return security ? 8 : 7;
    }
  }

  private final Reason reason;

  public BspException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
