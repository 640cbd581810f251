package org.rspharness.smdp.bpp;

import org.rspharness.core.crypto.EcPublicKey;

/**
 * A bound profile package and what the SM-DP+ keeps of the binding: SGP.22 section 5.6.2 asks it to
 * return the same package when the same otPK.EUICC comes back in a retried request.
 *
 * @param encoded the BoundProfilePackage, tag BF36, as sent in getBoundProfilePackage
 * @param otPkDp the SM-DP+ one-time public key used in this binding
 * @param otPkEuicc the eUICC one-time public key it was bound to
 */
public record BoundPackage(byte[] encoded, EcPublicKey otPkDp, EcPublicKey otPkEuicc) {}
