package org.rspharness.core.crypto;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * SGP.22 section 2.6.4 (BSP key agreement): ECKA-DH of BSI TR-03111, the shared secret being the
 * x-coordinate of d*Q as 32 big-endian bytes. Stateless and thread-safe.
 */
public final class Ecka {

  private Ecka() {}

  /**
   * The shared secret ShS = x(d_own * Q_peer), 32 bytes.
   *
   * @throws IllegalArgumentException if the keys are on different curves or the product is the
   *     point at infinity
   */
  public static byte[] sharedSecret(EcPrivateKey own, EcPublicKey peer) {
    if (own.curve() != peer.curve()) {
      throw new IllegalArgumentException(
          "peer key: on " + peer.curve().curveName() + ", own key on " + own.curve().curveName());
    }
    if (NativeEc.handles(own.curve())) {
      return NativeEc.sharedSecret(own, peer);
    }
    ECPoint p = peer.point().multiply(own.scalar()).normalize();
    if (p.isInfinity()) {
      throw new IllegalArgumentException("peer key: shared point is the point at infinity");
    }
    return BigIntegers.asUnsignedByteArray(Curve.FIELD_BYTES, p.getAffineXCoord().toBigInteger());
  }
}
