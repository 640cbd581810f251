package org.rspharness.smdp.bpp;

import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.OneTimeKeyPair;

/**
 * A bound profile package and what the SM-DP+ keeps of the binding: SGP.22 section 5.6.2 asks it to
 * return the same package when a request of the same session is repeated, and a retry in a new
 * session with the same otPK.EUICC is bound again with the same one-time key pair.
 *
 * @param encoded the BoundProfilePackage, tag BF36, as sent in getBoundProfilePackage
 * @param otPkDp the SM-DP+ one-time public key used in this binding
 * @param otPkEuicc the eUICC one-time public key it was bound to
 * @param dpKeys the SM-DP+ one-time key pair of the binding (for rebinding), or null
 */
public record BoundPackage(
    byte[] encoded, EcPublicKey otPkDp, EcPublicKey otPkEuicc, OneTimeKeyPair dpKeys) {

  /** A package whose one-time key pair is not kept (it cannot be rebound with the same key). */
  public BoundPackage(byte[] encoded, EcPublicKey otPkDp, EcPublicKey otPkEuicc) {
    this(encoded, otPkDp, otPkEuicc, null);
  }
}
