package org.rspharness.core.crypto;

import java.math.BigInteger;
import java.util.Objects;
import org.rspharness.core.random.RandomSource;

/**
 * SGP.22 section 3.1.3 (profile download): a one-time key pair (otPK/otSK) of the SM-DP+ or the
 * eUICC for one profile download.
 *
 * @param privateKey otSK
 * @param publicKey otPK, encoded for tag 5F49 by {@link EcPublicKey#encoded()}
 */
public record OneTimeKeyPair(EcPrivateKey privateKey, EcPublicKey publicKey) {

  public OneTimeKeyPair {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  /**
   * Generates a key pair from {@code random}: 32 bytes drawn as a big-endian scalar, drawn again
   * while it is 0 or not below n (rejection sampling keeps the scalar uniform), so a seeded source
   * gives the same key pair on every run. With a secure source on P-256 the native provider
   * generates it ({@link NativeEc}).
   */
  public static OneTimeKeyPair generate(Curve curve, RandomSource random) {
    if (!random.reproducible() && NativeEc.handles(curve)) {
      return NativeEc.generate(curve);
    }
    BigInteger n = curve.domain().getN();
    BigInteger d;
    do {
      d = new BigInteger(1, random.bytes(Curve.FIELD_BYTES));
    } while (d.signum() == 0 || d.compareTo(n) >= 0);
    EcPrivateKey sk = EcPrivateKey.of(curve, d);
    return new OneTimeKeyPair(sk, sk.publicKey());
  }

  public Curve curve() {
    return publicKey.curve();
  }
}
