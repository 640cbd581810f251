package org.rspharness.lpa.es10;

/**
 * A decoded ES10 response together with the exact bytes the card sent, which are what the LPA
 * forwards to the SM-DP+ (never a re-encoding: signatures cover the bytes as received).
 *
 * @param value the decoded response
 * @param encoded the response TLV exactly as received
 */
public record Decoded<T>(T value, byte[] encoded) {

  public Decoded {
    if (value == null || encoded == null) {
      throw new IllegalArgumentException("value and encoded must not be null");
    }
  }

  /** The received bytes (a copy). */
  @Override
  public byte[] encoded() {
    return encoded.clone();
  }
}
