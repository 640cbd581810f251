package org.rspharness.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;

/** The loader classifies by content and fails with messages that name the file or role. */
class LoaderErrorsTest {

  private static Path written(Path dir) {
    PkiDirectory.write(
        TestPki.builder()
            .random(RandomSource.seeded(5))
            .validFrom(Fixtures.SGP26_START)
            .curves(EnumSet.of(Curve.NIST_P256))
            .build(),
        dir);
    return dir;
  }

  @Test
  void missingRoleNamesDirectoryRoleAndExpectedFiles(@TempDir Path dir) throws Exception {
    written(dir);
    Files.delete(dir.resolve("DPtls/CERT_S_SM_DP_VARO_TLS_NIST.der"));
    Files.delete(dir.resolve("DPtls/SK_S_SM_DP_TLS_NIST.pem"));
    LoadedPki pki = PkiDirectory.load(dir, VariantsTest.CHECK);
    assertThatThrownBy(() -> pki.dpTls(Curve.NIST_P256))
        .isInstanceOf(PkiException.class)
        .hasMessage(
            "PKI directory "
                + dir
                + " has no DPtls certificate for curve NIST (a"
                + " certificate with policy 2.23.146.1.2.1.3 and a secp256r1 key, under a CI of that"
                + " curve); expected e.g. DPtls/CERT_S_SM_DP_VARO_TLS_NIST.der with"
                + " DPtls/SK_S_SM_DP_TLS_NIST.pem");
    assertThat(pki.dpAuth(Curve.NIST_P256).hasPrivateKey()).isTrue();
  }

  @Test
  void keyMatchingNoCertificateIsNamed(@TempDir Path dir) throws Exception {
    written(dir);
    Path stray = dir.resolve("DPpb/SK_S_SM_DPpb_ECDSA_NIST_OLD.pem");
    var other = Keys.generate(Curve.NIST_P256, RandomSource.seeded(77).asSecureRandom());
    Files.writeString(stray, Keys.toSec1Pem(other.getPrivate()));
    assertThatThrownBy(() -> PkiDirectory.load(dir, VariantsTest.CHECK))
        .isInstanceOf(PkiException.class)
        .hasMessageStartingWith("private key " + stray + " matches no certificate in " + dir);
  }

  @Test
  void unreadablePemIsNamed(@TempDir Path dir) throws Exception {
    written(dir);
    Path bad = dir.resolve("EUM/SK_EUM_ECDSA_NIST.pem");
    Files.writeString(
        bad,
        "-----BEGIN EC PRIVATE KEY-----\n!!!not base64!!!\n" + "-----END EC PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PkiDirectory.load(dir, VariantsTest.CHECK))
        .isInstanceOf(PkiException.class)
        .hasMessageStartingWith("unreadable PEM file " + bad + ": ");
    Files.writeString(bad, "just text\n");
    assertThatThrownBy(() -> PkiDirectory.load(dir, VariantsTest.CHECK))
        .hasMessageStartingWith("unreadable PEM file " + bad + ": no PEM block found");
  }

  @Test
  void garbageDerIsNamed(@TempDir Path dir) throws Exception {
    written(dir);
    Path bad = dir.resolve("eUICC/CERT_EUICC_ECDSA_NIST.der");
    Files.write(bad, new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});
    assertThatThrownBy(() -> PkiDirectory.load(dir, VariantsTest.CHECK))
        .isInstanceOf(PkiException.class)
        .hasMessageStartingWith(
            "file " + bad + " is neither a DER X.509 certificate nor a DER" + " CRL");
  }

  @Test
  void missingDirectorySaysHowToMakeOne(@TempDir Path dir) {
    Path none = dir.resolve("nope");
    assertThatThrownBy(() -> PkiDirectory.load(none))
        .hasMessage(
            "PKI directory "
                + none
                + " does not exist or is not a directory; create one"
                + " with: rsp-harness certs generate --out "
                + none);
  }

  @Test
  void unknownVariantDirectoryIsNamed(@TempDir Path dir) throws Exception {
    written(dir);
    Files.createDirectories(dir.resolve("variants/too-old"));
    assertThatThrownBy(() -> PkiDirectory.load(dir, VariantsTest.CHECK))
        .hasMessageStartingWith(
            "unknown variant directory "
                + dir.resolve("variants/too-old")
                + "; expected one of [expired, not-yet-valid,");
  }

  @Test
  void classifiesByPolicyAndKeyNotByFileName(@TempDir Path dir) throws Exception {
    written(dir);
    TestPki reference =
        TestPki.builder()
            .random(RandomSource.seeded(5))
            .validFrom(Fixtures.SGP26_START)
            .curves(EnumSet.of(Curve.NIST_P256))
            .build();
    // Swap the DPauth and DPpb files (certificates and keys) and give them odd names.
    Files.move(dir.resolve("DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der"), dir.resolve("DPpb/a.der"));
    Files.move(dir.resolve("DPauth/SK_S_SM_DPauth_ECDSA_NIST.pem"), dir.resolve("DPpb/a.pem"));
    Files.move(dir.resolve("DPpb/CERT_S_SM_DPpb_ECDSA_NIST.der"), dir.resolve("DPauth/b.der"));
    Files.move(dir.resolve("DPpb/SK_S_SM_DPpb_ECDSA_NIST.pem"), dir.resolve("DPauth/b.pem"));
    LoadedPki pki = PkiDirectory.load(dir, VariantsTest.CHECK);
    assertThat(pki.dpAuth(Curve.NIST_P256).certificate())
        .isEqualTo(reference.dpAuth(Curve.NIST_P256).certificate());
    assertThat(pki.dpPb(Curve.NIST_P256).certificate())
        .isEqualTo(reference.dpPb(Curve.NIST_P256).certificate());
    assertThat(
            Keys.matches(
                pki.dpAuth(Curve.NIST_P256).privateKey(),
                reference.dpAuth(Curve.NIST_P256).certificate().getPublicKey()))
        .isTrue();
    assertThat(
            pki.entries().stream()
                .filter(e -> e.role().orElse(null) == Role.DP_AUTH)
                .findFirst()
                .orElseThrow()
                .keyFile())
        .isEqualTo(dir.resolve("DPpb/a.pem"));
  }

  @Test
  void acceptsPkcs8KeysAndSec1KeysWhoseCurveIsOnlyInEcParameters(@TempDir Path dir)
      throws Exception {
    written(dir);
    TestPki reference =
        TestPki.builder()
            .random(RandomSource.seeded(5))
            .validFrom(Fixtures.SGP26_START)
            .curves(EnumSet.of(Curve.NIST_P256))
            .build();
    var dpPbKey = reference.dpPb(Curve.NIST_P256).privateKey();
    Files.writeString(
        dir.resolve("DPpb/SK_S_SM_DPpb_ECDSA_NIST.pem"),
        Keys.pem("PRIVATE KEY", dpPbKey.getEncoded()));
    var euiccKey =
        (java.security.interfaces.ECPrivateKey) reference.euicc(Curve.NIST_P256).privateKey();
    var sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
            256,
            euiccKey.getS(),
            new org.bouncycastle.asn1.DERBitString(Keys.publicPoint(euiccKey)),
            null);
    Files.writeString(
        dir.resolve("eUICC/SK_EUICC_ECDSA_NIST.pem"),
        Keys.pem("EC PARAMETERS", Curve.NIST_P256.parameters().oid().getEncoded())
            + Keys.pem("EC PRIVATE KEY", sec1.getEncoded()));
    LoadedPki pki = PkiDirectory.load(dir, VariantsTest.CHECK);
    assertThat(pki.dpPb(Curve.NIST_P256).privateKey().getEncoded()).isEqualTo(dpPbKey.getEncoded());
    assertThat(
            Keys.matches(
                pki.euicc(Curve.NIST_P256).privateKey(),
                reference.euicc(Curve.NIST_P256).certificate().getPublicKey()))
        .isTrue();
  }

  @Test
  void encryptedKeysAreRefusedWithTheFileNamed(@TempDir Path dir) throws Exception {
    written(dir);
    Path key = dir.resolve("DPauth/SK_S_SM_DPauth_ECDSA_NIST.pem");
    Files.writeString(
        key,
        Keys.pem(
            "ENCRYPTED PRIVATE KEY",
            new org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo(
                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_PBES2,
                        org.bouncycastle.asn1.DERNull.INSTANCE),
                    new byte[16])
                .getEncoded()));
    assertThatThrownBy(() -> PkiDirectory.load(dir, VariantsTest.CHECK))
        .hasMessageStartingWith("encrypted private key in " + key + ": not supported");
  }

  @Test
  void certificatesWithoutKeysStillLoad(@TempDir Path dir) throws Exception {
    written(dir);
    Files.delete(dir.resolve("eUICC/SK_EUICC_ECDSA_NIST.pem"));
    Credential euicc = PkiDirectory.load(dir, VariantsTest.CHECK).euicc(Curve.NIST_P256);
    assertThat(euicc.hasPrivateKey()).isFalse();
    assertThatThrownBy(euicc::requirePrivateKey)
        .hasMessageContaining("no private key for certificate")
        .hasMessageContaining("SK_*.pem");
  }
}
