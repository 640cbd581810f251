package org.rspharness.core.asn1;

import java.util.Arrays;
import org.rspharness.core.tlv.Tlv;

/**
 * A signed sub-structure exactly as received, with the signature that covers it.
 *
 * @param tbs the signed data object as received, tag and length included (SGP.22 signs the DER TLV
 *     of e.g. euiccSigned1, not its value)
 * @param signature the value of the '5F37' signature TLV: r||s, 64 bytes for 256-bit curves
 */
public record SignedPart(Tlv tbs, byte[] signature) {

  public SignedPart {
    if (tbs == null || signature == null) {
      throw new IllegalArgumentException("tbs and signature must not be null");
    }
    signature = signature.clone();
  }

  /** The bytes the signature was computed over (a copy of {@link #tbs()}'s received TLV). */
  public byte[] signedBytes() {
    return tbs.encoded();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedPart other
        && tbs.equals(other.tbs)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * tbs.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedPart[tbs=" + tbs + ", signature=" + signature.length + " bytes]";
  }
}
