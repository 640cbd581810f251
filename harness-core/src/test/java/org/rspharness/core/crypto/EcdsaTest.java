package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.util.Hex;

class EcdsaTest {

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final byte[] DATA = "euiccSigned1 || something".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTheRfc6979Vectors() {
    List<Vectors.Rec> recs = Vectors.load("rfc6979-p256-sha256-ecdsa.txt");
    Vectors.Rec key = recs.get(0);
    EcPrivateKey sk = EcPrivateKey.fromScalar(Curve.NIST_P256, key.hex("x"));
    byte[] u =
        org.bouncycastle.util.Arrays.concatenate(new byte[] {4}, key.hex("Ux"), key.hex("Uy"));
    assertThat(sk.publicKey().encoded()).isEqualTo(u);
    for (Vectors.Rec v : recs.subList(1, recs.size())) {
      byte[] msg = v.text("message_ascii").getBytes(StandardCharsets.US_ASCII);
      byte[] expected = org.bouncycastle.util.Arrays.concatenate(v.hex("r"), v.hex("s"));
      assertThat(Ecdsa.signDeterministic(sk, msg)).as(v.text("message_ascii")).isEqualTo(expected);
      assertThat(Ecdsa.verify(sk.publicKey(), msg, expected)).isTrue();
    }
  }

  @Test
  void signAndVerifyRoundTripOnBothCurvesAndATamperedMessageFails() {
    for (Curve c : Curve.values()) {
      OneTimeKeyPair kp = OneTimeKeyPair.generate(c, RandomSource.seeded(11));
      byte[] sig = Ecdsa.sign(kp.privateKey(), DATA, RandomSource.seeded(12));
      assertThat(sig).hasSize(64);
      assertThat(Ecdsa.verify(kp.publicKey(), DATA, sig)).as(c.name()).isTrue();
      byte[] tampered = DATA.clone();
      tampered[0] ^= 1;
      assertThat(Ecdsa.verify(kp.publicKey(), tampered, sig)).isFalse();
      byte[] badSig = sig.clone();
      badSig[63] ^= 1;
      assertThat(Ecdsa.verify(kp.publicKey(), DATA, badSig)).isFalse();
    }
  }

  @Test
  void seededNonceGivesReproducibleSignatures() {
    EcPrivateKey sk = OneTimeKeyPair.generate(Curve.NIST_P256, RandomSource.seeded(1)).privateKey();
    byte[] a = Ecdsa.sign(sk, DATA, RandomSource.seeded(99));
    byte[] b = Ecdsa.sign(sk, DATA, RandomSource.seeded(99));
    byte[] other = Ecdsa.sign(sk, DATA, RandomSource.seeded(100));
    assertThat(a).isEqualTo(b).isNotEqualTo(other);
  }

  @Test
  void verifyReturnsFalseForRorSOutOfRange() {
    EcPublicKey pk = OneTimeKeyPair.generate(Curve.NIST_P256, RandomSource.seeded(1)).publicKey();
    BigInteger n = Curve.NIST_P256.parameters().domain().getN();
    byte[] zeroR = new byte[64];
    zeroR[63] = 1;
    assertThat(Ecdsa.verify(pk, DATA, zeroR)).isFalse();
    byte[] sIsN = new byte[64];
    sIsN[31] = 1;
    BigIntegers.asUnsignedByteArray(n, sIsN, 32, 32);
    assertThat(Ecdsa.verify(pk, DATA, sIsN)).isFalse();
  }

  @Test
  void plainSignatureOfWrongLengthIsAClearCodecError() {
    EcPublicKey pk = OneTimeKeyPair.generate(Curve.NIST_P256, RandomSource.seeded(1)).publicKey();
    assertThatThrownBy(() -> Ecdsa.verify(pk, DATA, new byte[63]))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("expected 64 bytes")
        .hasMessageContaining("got 63");
    assertThatThrownBy(() -> Ecdsa.plainToDer(new byte[65]))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("got 65");
  }

  @Test
  void derAndPlainConvertBothWaysIncludingShortIntegers() {
    RandomSource random = RandomSource.seeded(3);
    EcPrivateKey sk = OneTimeKeyPair.generate(Curve.BRAINPOOL_P256R1, random).privateKey();
    for (int i = 0; i < 50; i++) {
      byte[] plain = Ecdsa.sign(sk, DATA, random);
      byte[] der = Ecdsa.plainToDer(plain);
      assertThat(Ecdsa.derToPlain(der)).isEqualTo(plain);
    }
    // r with a leading zero byte and s with the high bit set: 31-byte and 33-byte INTEGERs.
    byte[] plain = new byte[64];
    Arrays.fill(plain, 1, 32, (byte) 0x11);
    Arrays.fill(plain, 32, 64, (byte) 0x91);
    byte[] der = Ecdsa.plainToDer(plain);
    assertThat(Hex.encode(der)).startsWith("3044021F1111").contains("02210091");
    assertThat(Ecdsa.derToPlain(der)).isEqualTo(plain);
  }

  @Test
  void derToPlainIsStrict() {
    byte[] good = Ecdsa.plainToDer(filled(0x11, 0x22));
    // Trailing byte.
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> Ecdsa.derToPlain(trailing))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("trailing");
    // Sequence length one too long (truncated).
    byte[] truncated = good.clone();
    truncated[1]++;
    assertThatThrownBy(() -> Ecdsa.derToPlain(truncated)).isInstanceOf(CodecException.class);
    // Non-minimal INTEGER (extra leading 00).
    byte[] nonMinimal = Hex.decode("3007" + "020300" + "0111" + "020122");
    assertThatThrownBy(() -> Ecdsa.derToPlain(nonMinimal)).isInstanceOf(CodecException.class);
    // Long-form length where short form is required.
    byte[] longForm = Hex.decode("308106" + "020111" + "020122");
    assertThatThrownBy(() -> Ecdsa.derToPlain(longForm))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("minimal");
    // Three integers.
    byte[] three = Hex.decode("3009" + "020111" + "020122" + "020133");
    assertThatThrownBy(() -> Ecdsa.derToPlain(three))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("two INTEGERs");
    // Negative s.
    byte[] negative = Hex.decode("3006" + "020111" + "0201FF");
    assertThatThrownBy(() -> Ecdsa.derToPlain(negative))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("s is not positive");
    // r of 257 bits.
    byte[] big = Hex.decode("3026" + "022101" + "00".repeat(32) + "020122");
    assertThatThrownBy(() -> Ecdsa.derToPlain(big))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("257 bits");
    assertThatThrownBy(() -> Ecdsa.derToPlain(new byte[0]))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void interoperatesWithTheBouncyCastleJcaProviderOnBothCurves() throws Exception {
    for (Curve c : Curve.values()) {
      OneTimeKeyPair kp = OneTimeKeyPair.generate(c, RandomSource.seeded(21));
      PublicKey jcaPublic =
          KeyFactory.getInstance("EC", BC)
              .generatePublic(
                  new X509EncodedKeySpec(kp.publicKey().toSubjectPublicKeyInfo().getEncoded()));
      // Ours signs plain, JCA verifies the DER form.
      byte[] plain = Ecdsa.sign(kp.privateKey(), DATA, RandomSource.seeded(22));
      Signature v = Signature.getInstance("SHA256withECDSA", BC);
      v.initVerify(jcaPublic);
      v.update(DATA);
      assertThat(v.verify(Ecdsa.plainToDer(plain))).as(c.name()).isTrue();
      // JCA key converts back to the same key and curve.
      assertThat(EcPublicKey.of(jcaPublic)).isEqualTo(kp.publicKey());
      assertThat(Curve.of(jcaPublic)).isEqualTo(c);
    }
  }

  @Test
  void signsWithSgp26PrivateKeysAndVerifiesWithTheirCertificates() throws Exception {
    Path dir = org.rspharness.core.testsupport.ReferenceData.require("sgp26");
    String[][] cases = {
      {
        "DPauth/SK_S_SM_DPauth_ECDSA_NIST.pem",
        "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der",
        "NIST_P256"
      },
      {
        "DPauth/SK_S_SM_DPauth_ECDSA_BRP.pem",
        "DPauth/CERT_S_SM_DPauth_ECDSA_BRP.der",
        "BRAINPOOL_P256R1"
      },
      {"DPpb/SK_S_SM_DPpb_ECDSA_BRP.pem", "DPpb/CERT_S_SM_DPpb_ECDSA_BRP.der", "BRAINPOOL_P256R1"},
    };
    CertificateFactory cf = CertificateFactory.getInstance("X.509", BC);
    for (String[] c : cases) {
      PrivateKey jcaPrivate = readPrivateKey(dir.resolve(c[0]));
      X509Certificate cert;
      try (InputStream in = Files.newInputStream(dir.resolve(c[1]))) {
        cert = (X509Certificate) cf.generateCertificate(in);
      }
      Curve expected = Curve.valueOf(c[2]);
      assertThat(Curve.of(cert)).as(c[1]).isEqualTo(expected);
      EcPrivateKey sk = EcPrivateKey.of(jcaPrivate);
      EcPublicKey pk = EcPublicKey.of(cert);
      assertThat(sk.curve()).isEqualTo(expected);
      assertThat(sk.publicKey()).as("key matches certificate " + c[1]).isEqualTo(pk);
      byte[] sig = Ecdsa.sign(jcaPrivate, DATA, RandomSource.seeded(5));
      assertThat(Ecdsa.verify(cert.getPublicKey(), DATA, sig)).isTrue();
      // And the JCA side accepts our signature in DER form.
      Signature v = Signature.getInstance("SHA256withECDSA", BC);
      v.initVerify(cert);
      v.update(DATA);
      assertThat(v.verify(Ecdsa.plainToDer(sig))).isTrue();
      // The certificate's own signature (DER, by the CI) converts to plain and verifies with ours.
      X509Certificate ci = ciCertificate(dir, cf, expected);
      byte[] ciSig = Ecdsa.derToPlain(cert.getSignature());
      assertThat(Ecdsa.verify(EcPublicKey.of(ci), cert.getTBSCertificate(), ciSig)).isTrue();
    }
  }

  private static X509Certificate ciCertificate(Path dir, CertificateFactory cf, Curve c)
      throws Exception {
    String name = c == Curve.NIST_P256 ? "CERT_CI_ECDSA_NIST.der" : "CERT_CI_ECDSA_BRP.der";
    try (InputStream in = Files.newInputStream(dir.resolve("CertificateIssuer").resolve(name))) {
      return (X509Certificate) cf.generateCertificate(in);
    }
  }

  private static PrivateKey readPrivateKey(Path pem) throws Exception {
    try (Reader r = Files.newBufferedReader(pem);
        PEMParser parser = new PEMParser(r)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof PEMKeyPair kp) {
          return new JcaPEMKeyConverter().setProvider(BC).getKeyPair(kp).getPrivate();
        }
        if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo pki) {
          return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(pki);
        }
      }
    }
    throw new IllegalStateException("no private key in " + pem);
  }

  private static byte[] filled(int r, int s) {
    byte[] p = new byte[64];
    Arrays.fill(p, 0, 32, (byte) r);
    Arrays.fill(p, 32, 64, (byte) s);
    return p;
  }
}
