package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.random.RandomSource;

class EcPublicKeyTest {

  @Test
  void encodesAs04XyAndDecodesBackOnBothCurves() {
    for (Curve c : Curve.values()) {
      EcPublicKey key = OneTimeKeyPair.generate(c, RandomSource.seeded(5)).publicKey();
      byte[] enc = key.encoded();
      assertThat(enc).hasSize(65);
      assertThat(enc[0]).isEqualTo((byte) 0x04);
      assertThat(EcPublicKey.decode(c, enc)).isEqualTo(key);
    }
  }

  @Test
  void seededGenerationIsDeterministicAndSeedsDiffer() {
    for (Curve c : Curve.values()) {
      OneTimeKeyPair a = OneTimeKeyPair.generate(c, RandomSource.seeded(42));
      OneTimeKeyPair b = OneTimeKeyPair.generate(c, RandomSource.seeded(42));
      OneTimeKeyPair other = OneTimeKeyPair.generate(c, RandomSource.seeded(43));
      assertThat(a.privateKey().scalarBytes()).isEqualTo(b.privateKey().scalarBytes());
      assertThat(a.publicKey().encoded()).isEqualTo(b.publicKey().encoded());
      assertThat(other.publicKey().encoded()).isNotEqualTo(a.publicKey().encoded());
      assertThat(a.curve()).isEqualTo(c);
    }
  }

  @Test
  void rejectsWrongLengthIncludingTheEncodedInfinity() {
    assertThatThrownBy(() -> EcPublicKey.decode(Curve.NIST_P256, new byte[] {0}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("expected 65 bytes")
        .hasMessageContaining("got 1");
    assertThatThrownBy(() -> EcPublicKey.decode(Curve.NIST_P256, new byte[64]))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("got 64");
  }

  @Test
  void rejectsACompressedOrUnknownPrefix() {
    byte[] enc =
        OneTimeKeyPair.generate(Curve.NIST_P256, RandomSource.seeded(1)).publicKey().encoded();
    enc[0] = 0x02;
    assertThatThrownBy(() -> EcPublicKey.decode(Curve.NIST_P256, enc))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("first byte 02");
  }

  @Test
  void rejectsAPointNotOnTheCurve() {
    for (Curve c : Curve.values()) {
      byte[] enc = OneTimeKeyPair.generate(c, RandomSource.seeded(2)).publicKey().encoded();
      enc[64] ^= 1;
      assertThatThrownBy(() -> EcPublicKey.decode(c, enc))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("not on " + c.curveName());
    }
  }

  @Test
  void rejectsACoordinateNotBelowP() {
    for (Curve c : Curve.values()) {
      BigInteger p = c.parameters().domain().getCurve().getField().getCharacteristic();
      byte[] enc = new byte[65];
      enc[0] = 4;
      BigIntegers.asUnsignedByteArray(p, enc, 1, 32);
      assertThatThrownBy(() -> EcPublicKey.decode(c, enc)).isInstanceOf(CodecException.class);
    }
  }

  @Test
  void curvesCarryTheirNamedCurveOids() {
    assertThat(Curve.NIST_P256.parameters().oid().getId()).isEqualTo("1.2.840.10045.3.1.7");
    assertThat(Curve.BRAINPOOL_P256R1.parameters().oid().getId()).isEqualTo("1.3.36.3.3.2.8.1.1.7");
    assertThat(Curve.fromOid("1.3.36.3.3.2.8.1.1.7")).isEqualTo(Curve.BRAINPOOL_P256R1);
    assertThatThrownBy(() -> Curve.fromOid("1.3.132.0.34"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.3.132.0.34");
  }

  @Test
  void subjectPublicKeyInfoRoundTripsAndNamesItsCurve() {
    for (Curve c : Curve.values()) {
      EcPublicKey key = OneTimeKeyPair.generate(c, RandomSource.seeded(3)).publicKey();
      SubjectPublicKeyInfo spki = key.toSubjectPublicKeyInfo();
      assertThat(CurveParameters.of(spki)).isEqualTo(c);
      assertThat(EcPublicKey.of(spki)).isEqualTo(key);
    }
  }

  @Test
  void privateKeyToStringHidesTheScalar() {
    EcPrivateKey sk = OneTimeKeyPair.generate(Curve.NIST_P256, RandomSource.seeded(4)).privateKey();
    String hex = org.rspharness.core.util.Hex.encode(sk.scalarBytes());
    assertThat(sk.toString()).doesNotContain(hex).contains("hidden");
  }

  @Test
  void rejectsAPrivateScalarOutsideOneToNMinusOne() {
    BigInteger n = Curve.NIST_P256.parameters().domain().getN();
    assertThatThrownBy(() -> EcPrivateKey.of(Curve.NIST_P256, n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, n-1]");
    assertThatThrownBy(() -> EcPrivateKey.of(Curve.NIST_P256, BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsAPointOfAnotherImplementationOfTheSameCurve() {
    // ECNamedCurveTable gives P-256 with generic arithmetic; ours uses BC's custom curve.
    org.bouncycastle.asn1.x9.X9ECParameters generic =
        org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName("secp256r1");
    EcPrivateKey sk = OneTimeKeyPair.generate(Curve.NIST_P256, RandomSource.seeded(8)).privateKey();
    org.bouncycastle.math.ec.ECPoint p =
        generic.getG().multiply(new BigInteger(1, sk.scalarBytes())).normalize();
    EcPublicKey key = new EcPublicKey(Curve.NIST_P256, p);
    assertThat(key).isEqualTo(sk.publicKey());
    byte[] sig = Ecdsa.sign(sk, new byte[] {1}, RandomSource.seeded(9));
    assertThat(Ecdsa.verify(key, new byte[] {1}, sig)).isTrue();
  }

  @Test
  void rejectsAPointOfTheOtherCurve() {
    EcPublicKey bp =
        OneTimeKeyPair.generate(Curve.BRAINPOOL_P256R1, RandomSource.seeded(1)).publicKey();
    assertThatThrownBy(() -> new EcPublicKey(Curve.NIST_P256, bp.point()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not on secp256r1");
  }
}
