package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.util.Hex;

class EckaTest {

  private static EcPublicKey point(Curve curve, byte[] x, byte[] y) {
    return EcPublicKey.decode(curve, Arrays.concatenate(new byte[] {4}, x, y));
  }

  @Test
  void agreesOnTheRfc7027BrainpoolSecretInBothDirections() {
    Vectors.Rec v = Vectors.load("rfc7027-brainpoolp256r1-ecdh.txt").get(0);
    Curve c = Curve.BRAINPOOL_P256R1;
    EcPrivateKey a = EcPrivateKey.fromScalar(c, v.hex("dA"));
    EcPrivateKey b = EcPrivateKey.fromScalar(c, v.hex("dB"));
    EcPublicKey qa = point(c, v.hex("x_qA"), v.hex("y_qA"));
    EcPublicKey qb = point(c, v.hex("x_qB"), v.hex("y_qB"));
    assertThat(a.publicKey()).isEqualTo(qa);
    assertThat(b.publicKey()).isEqualTo(qb);
    assertThat(Ecka.sharedSecret(a, qb)).isEqualTo(v.hex("x_Z"));
    assertThat(Ecka.sharedSecret(b, qa)).isEqualTo(v.hex("x_Z"));
  }

  @Test
  void agreesOnTheRfc5903P256SecretInBothDirections() {
    Vectors.Rec v = Vectors.load("rfc5903-p256-ecdh.txt").get(0);
    Curve c = Curve.NIST_P256;
    EcPrivateKey i = EcPrivateKey.fromScalar(c, v.hex("i"));
    EcPrivateKey r = EcPrivateKey.fromScalar(c, v.hex("r"));
    EcPublicKey gi = point(c, v.hex("gix"), v.hex("giy"));
    EcPublicKey gr = point(c, v.hex("grx"), v.hex("gry"));
    assertThat(i.publicKey()).isEqualTo(gi);
    assertThat(r.publicKey()).isEqualTo(gr);
    assertThat(Ecka.sharedSecret(i, gr)).isEqualTo(v.hex("girx"));
    assertThat(Ecka.sharedSecret(r, gi)).isEqualTo(v.hex("girx"));
  }

  @Test
  void reproducesTheSharedSecretOfAThirdPartySmdpTrace() {
    Vectors.Rec v = Vectors.byCase(Vectors.load("sgp22-bsp-pysim.txt"), "ecka-mode51-p256");
    EcPrivateKey smdpOtsk = EcPrivateKey.fromScalar(Curve.NIST_P256, v.hex("smdp_otsk"));
    assertThat(smdpOtsk.publicKey().encoded()).isEqualTo(v.hex("smdp_otpk"));
    EcPublicKey euiccOtpk = EcPublicKey.decode(Curve.NIST_P256, v.hex("euicc_otpk"));
    assertThat(Ecka.sharedSecret(smdpOtsk, euiccOtpk)).isEqualTo(v.hex("shared_secret"));
  }

  @Test
  void oneTimeKeysOfBothSidesAgreeOnBothCurves() {
    RandomSource random = RandomSource.seeded(22);
    for (Curve c : Curve.values()) {
      OneTimeKeyPair smdp = OneTimeKeyPair.generate(c, random);
      OneTimeKeyPair euicc = OneTimeKeyPair.generate(c, random);
      byte[] s1 = Ecka.sharedSecret(smdp.privateKey(), euicc.publicKey());
      byte[] s2 = Ecka.sharedSecret(euicc.privateKey(), smdp.publicKey());
      assertThat(s1).as(c.name()).hasSize(32).isEqualTo(s2);
      // Over the wire (tag 5F49) and back.
      EcPublicKey received = EcPublicKey.decode(c, euicc.publicKey().encoded());
      assertThat(Ecka.sharedSecret(smdp.privateKey(), received)).isEqualTo(s1);
    }
  }

  @Test
  void refusesKeysOnDifferentCurves() {
    RandomSource random = RandomSource.seeded(1);
    OneTimeKeyPair p256 = OneTimeKeyPair.generate(Curve.NIST_P256, random);
    OneTimeKeyPair bp = OneTimeKeyPair.generate(Curve.BRAINPOOL_P256R1, random);
    assertThatThrownBy(() -> Ecka.sharedSecret(p256.privateKey(), bp.publicKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brainpoolP256r1")
        .hasMessageContaining("secp256r1");
  }

  @Test
  void sharedSecretKeepsLeadingZeroBytes() {
    // Find a pair whose shared x-coordinate starts with 00: the result must stay 32 bytes.
    RandomSource random = RandomSource.seeded(7);
    OneTimeKeyPair peer = OneTimeKeyPair.generate(Curve.NIST_P256, random);
    for (int i = 0; i < 2000; i++) {
      OneTimeKeyPair own = OneTimeKeyPair.generate(Curve.NIST_P256, random);
      byte[] s = Ecka.sharedSecret(own.privateKey(), peer.publicKey());
      assertThat(s).hasSize(32);
      if (s[0] == 0) {
        assertThat(Hex.encode(s)).startsWith("00");
        return;
      }
    }
    throw new AssertionError("no shared secret with a leading zero byte in 2000 tries");
  }
}
