package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.core.random.RandomSource;

/** JCA keys are converted once; a converted key signs and verifies exactly as a fresh one. */
class KeyCacheTest {

  private static KeyPair jcaPair(Curve curve, long seed) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
    g.initialize(
        new ECGenParameterSpec(curve.curveName()), RandomSource.seeded(seed).asSecureRandom());
    return g.generateKeyPair();
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void sameJcaKeyGivesTheSameConvertedKeyWithTheSameScalarAndPoint(Curve curve) throws Exception {
    KeyPair pair = jcaPair(curve, 7);
    EcPrivateKey first = EcPrivateKey.of(pair.getPrivate());
    assertThat(EcPrivateKey.of(pair.getPrivate())).isSameAs(first);
    EcPublicKey pub = EcPublicKey.of(pair.getPublic());
    assertThat(EcPublicKey.of(pair.getPublic())).isSameAs(pub);
    assertThat(first.publicKey().encoded()).isEqualTo(pub.encoded());
    // Another object with the same encoding: an equal key (public keys are keyed by encoding).
    KeyPair again = jcaPair(curve, 7);
    assertThat(EcPublicKey.of(again.getPublic()).encoded()).isEqualTo(pub.encoded());
    assertThat(EcPrivateKey.of(again.getPrivate()).scalarBytes()).isEqualTo(first.scalarBytes());
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void cachedKeysStillRejectWrongSignaturesAndOtherKeys(Curve curve) throws Exception {
    KeyPair a = jcaPair(curve, 11);
    KeyPair b = jcaPair(curve, 12);
    byte[] data = "euiccSigned1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i < 3; i++) {
      byte[] sig = Ecdsa.sign(a.getPrivate(), data, RandomSource.seeded(i));
      assertThat(Ecdsa.verify(a.getPublic(), data, sig)).isTrue();
      assertThat(Ecdsa.verify(b.getPublic(), data, sig)).isFalse();
      byte[] bad = sig.clone();
      bad[63] ^= 1;
      assertThat(Ecdsa.verify(a.getPublic(), data, bad)).isFalse();
      byte[] other = data.clone();
      other[0] ^= 1;
      assertThat(Ecdsa.verify(a.getPublic(), other, sig)).isFalse();
    }
  }
}
