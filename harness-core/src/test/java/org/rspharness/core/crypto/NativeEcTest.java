package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rspharness.core.random.RandomSource;

/** The known answers of P-256 on both providers: the native one and Bouncy Castle. */
class NativeEcTest {

  private static final byte[] DATA = "serverSigned1".getBytes(StandardCharsets.UTF_8);

  private static <T> T on(String provider, Supplier<T> work) {
    if (provider.equals("native")) {
      Assumptions.assumeTrue(
          NativeEc.available() || "true".equals(System.getenv("CI")), NativeEc.description());
      assertThat(NativeEc.available()).as(NativeEc.description()).isTrue();
      return work.get();
    }
    return NativeEc.onBouncyCastle(work);
  }

  private static EcPublicKey point(byte[] x, byte[] y) {
    return EcPublicKey.decode(Curve.NIST_P256, Arrays.concatenate(new byte[] {4}, x, y));
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "bouncycastle"})
  void ecdhGivesTheRfc5903AndPysimSecrets(String provider) {
    Vectors.Rec v = Vectors.load("rfc5903-p256-ecdh.txt").get(0);
    EcPrivateKey i = EcPrivateKey.fromScalar(Curve.NIST_P256, v.hex("i"));
    EcPrivateKey r = EcPrivateKey.fromScalar(Curve.NIST_P256, v.hex("r"));
    EcPublicKey gi = point(v.hex("gix"), v.hex("giy"));
    EcPublicKey gr = point(v.hex("grx"), v.hex("gry"));
    assertThat(on(provider, () -> Ecka.sharedSecret(i, gr))).isEqualTo(v.hex("girx"));
    assertThat(on(provider, () -> Ecka.sharedSecret(r, gi))).isEqualTo(v.hex("girx"));
    Vectors.Rec p = Vectors.byCase(Vectors.load("sgp22-bsp-pysim.txt"), "ecka-mode51-p256");
    EcPrivateKey otsk = EcPrivateKey.fromScalar(Curve.NIST_P256, p.hex("smdp_otsk"));
    EcPublicKey otpk = EcPublicKey.decode(Curve.NIST_P256, p.hex("euicc_otpk"));
    assertThat(on(provider, () -> Ecka.sharedSecret(otsk, otpk))).isEqualTo(p.hex("shared_secret"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "bouncycastle"})
  void verifiesTheRfc6979SignaturesAndRefusesTamperedOnes(String provider) {
    List<Vectors.Rec> recs = Vectors.load("rfc6979-p256-sha256-ecdsa.txt");
    Vectors.Rec key = recs.get(0);
    EcPublicKey pk = point(key.hex("Ux"), key.hex("Uy"));
    for (Vectors.Rec v : recs.subList(1, recs.size())) {
      byte[] msg = v.text("message_ascii").getBytes(StandardCharsets.US_ASCII);
      byte[] sig = Arrays.concatenate(v.hex("r"), v.hex("s"));
      assertThat(on(provider, () -> Ecdsa.verify(pk, msg, sig))).isTrue();
      byte[] bad = sig.clone();
      bad[40] ^= 1;
      assertThat(on(provider, () -> Ecdsa.verify(pk, msg, bad))).isFalse();
      byte[] other = (v.text("message_ascii") + "!").getBytes(StandardCharsets.US_ASCII);
      assertThat(on(provider, () -> Ecdsa.verify(pk, other, sig))).isFalse();
    }
    BigInteger n = Curve.NIST_P256.domain().getN();
    byte[] sIsN = new byte[64];
    sIsN[31] = 1;
    BigIntegers.asUnsignedByteArray(n, sIsN, 32, 32);
    assertThat(on(provider, () -> Ecdsa.verify(pk, DATA, sIsN))).isFalse();
    assertThat(on(provider, () -> Ecdsa.verify(pk, DATA, new byte[64]))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "bouncycastle"})
  void signaturesAndKeysOfOneProviderWorkWithTheOther(String provider) {
    RandomSource secure = RandomSource.secure();
    OneTimeKeyPair kp = on(provider, () -> OneTimeKeyPair.generate(Curve.NIST_P256, secure));
    // the public key is d*G whoever generated it
    assertThat(
            NativeEc.onBouncyCastle(
                () -> EcPrivateKey.of(Curve.NIST_P256, kp.privateKey().scalar()).publicKey()))
        .isEqualTo(kp.publicKey());
    for (int i = 0; i < 20; i++) {
      byte[] data = ("message " + i).getBytes(StandardCharsets.UTF_8);
      byte[] sig = on(provider, () -> Ecdsa.sign(kp.privateKey(), data, secure));
      assertThat(sig).hasSize(64);
      assertThat(NativeEc.onBouncyCastle(() -> Ecdsa.verify(kp.publicKey(), data, sig))).isTrue();
      if (NativeEc.available()) {
        assertThat(Ecdsa.verify(kp.publicKey(), data, sig)).isTrue();
      }
    }
    // ECDH between the two providers' keys agrees
    OneTimeKeyPair peer =
        NativeEc.onBouncyCastle(() -> OneTimeKeyPair.generate(Curve.NIST_P256, secure));
    byte[] mine = on(provider, () -> Ecka.sharedSecret(kp.privateKey(), peer.publicKey()));
    byte[] theirs =
        NativeEc.onBouncyCastle(() -> Ecka.sharedSecret(peer.privateKey(), kp.publicKey()));
    assertThat(mine).isEqualTo(theirs);
  }

  @Test
  void seededSourcesKeepReproducibleSignaturesAndKeys() {
    EcPrivateKey a = OneTimeKeyPair.generate(Curve.NIST_P256, RandomSource.seeded(3)).privateKey();
    EcPrivateKey b =
        NativeEc.onBouncyCastle(
            () -> OneTimeKeyPair.generate(Curve.NIST_P256, RandomSource.seeded(3)).privateKey());
    assertThat(a).isEqualTo(b);
    byte[] s1 = Ecdsa.sign(a, DATA, RandomSource.seeded(9));
    byte[] s2 = NativeEc.onBouncyCastle(() -> Ecdsa.sign(a, DATA, RandomSource.seeded(9)));
    assertThat(s1).isEqualTo(s2);
  }

  @Test
  void derConversionOfTheNativePathMatchesTheStrictOne() {
    RandomSource r = RandomSource.seeded(4);
    for (int i = 0; i < 200; i++) {
      byte[] plain = r.bytes(64);
      plain[0] &= 0x7F; // below n
      plain[32] &= 0x7F;
      if (i % 3 == 0) {
        plain[0] = 0; // short integers
        plain[1] = 0;
      }
      if (i % 5 == 0) {
        plain[0] = (byte) 0x80; // needs a 0 pad
        plain[32] = (byte) 0xFF;
        plain[0] &= 0x7F;
        plain[0] |= 0x40;
      }
      byte[] der = NativeEc.der(plain);
      assertThat(der).isEqualTo(Ecdsa.plainToDer(plain));
      assertThat(NativeEc.derToPlain(der)).isEqualTo(plain);
    }
  }

  @Test
  void oneLineSaysWhichProviderRuns() {
    assertThat(NativeEc.description()).startsWith("crypto: ").doesNotContain("\n");
  }
}
