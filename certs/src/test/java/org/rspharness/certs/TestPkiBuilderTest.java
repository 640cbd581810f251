package org.rspharness.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;

class TestPkiBuilderTest {

  private static TestPki nist(long seed) {
    return TestPki.builder()
        .random(RandomSource.seeded(seed))
        .validFrom(Fixtures.SGP26_START)
        .curves(EnumSet.of(Curve.NIST_P256))
        .build();
  }

  @Test
  void sameSeedAndStartGiveByteIdenticalCertificatesAndKeys() throws Exception {
    TestPki a = nist(7);
    TestPki b = nist(7);
    for (Role role : Role.values()) {
      assertThat(a.credential(role, Curve.NIST_P256).certificate().getEncoded())
          .isEqualTo(b.credential(role, Curve.NIST_P256).certificate().getEncoded());
      assertThat(a.credential(role, Curve.NIST_P256).privateKey().getEncoded())
          .isEqualTo(b.credential(role, Curve.NIST_P256).privateKey().getEncoded());
    }
    assertThat(a.crl(Curve.NIST_P256).orElseThrow().getEncoded())
        .isEqualTo(b.crl(Curve.NIST_P256).orElseThrow().getEncoded());
  }

  @Test
  void anotherSeedGivesOtherKeysAndSerials() {
    Credential a = nist(7).dpAuth(Curve.NIST_P256);
    Credential b = nist(8).dpAuth(Curve.NIST_P256);
    assertThat(a.certificate().getPublicKey()).isNotEqualTo(b.certificate().getPublicKey());
    assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
  }

  @Test
  void validityStartsAtTheInjectedClockLessOneHour() {
    Clock clock = Clock.fixed(Instant.parse("2031-05-06T07:08:09.555Z"), ZoneOffset.UTC);
    TestPki pki = TestPki.builder().clock(clock).curves(EnumSet.of(Curve.BRAINPOOL_P256R1)).build();
    assertThat(pki.dpTls(Curve.BRAINPOOL_P256R1).certificate().getNotBefore().toInstant())
        .isEqualTo(Instant.parse("2031-05-06T06:08:09Z"));
    assertThat(pki.dpTls(Curve.BRAINPOOL_P256R1).certificate().getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2031-11-22T06:08:09Z"));
    assertThat(pki.euicc(Curve.BRAINPOOL_P256R1).certificate().getNotAfter().toInstant())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
  }

  @Test
  void hostAndEidGoWhereSgp26PutsThem() {
    Eid eid = Eid.withCheckDigits("890490321234512345123456789012");
    TestPki pki =
        TestPki.builder()
            .random(RandomSource.seeded(1))
            .validFrom(Fixtures.SGP26_START)
            .curves(EnumSet.of(Curve.NIST_P256))
            .smdpHost("smdp.test.example.org")
            .eid(eid)
            .build();
    var tls = pki.dpTls(Curve.NIST_P256).certificate();
    assertThat(CertFacts.subject(tls)).isEqualTo("O=ACME, CN=smdp.test.example.org");
    assertThat(CertFacts.dnsNames(tls)).containsExactly("smdp.test.example.org");
    assertThat(CertFacts.registeredIds(tls)).containsExactly("2.999.10");
    assertThat(CertFacts.eid(pki.euicc(Curve.NIST_P256).certificate())).contains(eid.value());
  }

  @Test
  void refusesAnEidTheEumMayNotSign() {
    assertThatThrownBy(
            () ->
                TestPki.builder()
                    .eid(Eid.of(TestPkiBuilder.SGP26_EID))
                    .eidPrefix("89049099")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eid: 89049032123451234512345678901235 does not start with")
        .hasMessageContaining("89049099");
    assertThatThrownBy(() -> TestPki.builder().smdpHost("bad host"))
        .hasMessage("smdpHost: not a DNS host name: 'bad host'");
  }

  @Test
  void reusesAGivenCiAndRefusesOneWithoutKey() {
    Credential ci = nist(4).ci(Curve.NIST_P256);
    TestPki pki =
        TestPki.builder()
            .ci(ci)
            .curves(EnumSet.of(Curve.NIST_P256))
            .random(RandomSource.seeded(5))
            .validFrom(Fixtures.SGP26_START)
            .variants(true)
            .build();
    assertThat(pki.ci(Curve.NIST_P256)).isSameAs(ci);
    assertThat(pki.eum(Curve.NIST_P256).chain()).containsExactly(ci.certificate());
    assertThat(
            pki.validator()
                .validate(pki.euicc(Curve.NIST_P256), Role.EUICC, VariantsTest.CHECK)
                .ok())
        .isTrue();
    assertThat(
            pki.validator()
                .validate(
                    pki.variant(BadVariant.UNKNOWN_CI, Curve.NIST_P256).orElseThrow(),
                    Role.DP_AUTH,
                    VariantsTest.CHECK)
                .reason())
        .contains("issued by an unknown CI");
    Credential keyless = new Credential(ci.certificate(), null, java.util.List.of());
    assertThatThrownBy(() -> TestPki.builder().ci(keyless))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ci: no private key for CI 'CN=Test CI, OU=TESTCERT, O=RSPTEST, C=IT';"
                + " the CI's SK_CI_ECDSA_*.pem is needed to issue certificates");
  }

  @Test
  void privateKeysAreWrittenAsSgp26Does(@TempDir Path dir) throws Exception {
    TestPki pki = nist(3);
    PkiDirectory.write(pki, dir);
    String pem =
        Files.readString(
            dir.resolve("DPauth/SK_S_SM_DPauth_ECDSA_NIST.pem"), StandardCharsets.US_ASCII);
    // SGP.26's files: EC PARAMETERS (the P-256 OID) then SEC1 EC PRIVATE KEY.
    assertThat(pem)
        .startsWith(
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
                + "-----END EC PARAMETERS-----\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI");
    assertThat(Files.readString(dir.resolve("DPauth/PK_S_SM_DPauth_ECDSA_NIST.pem")))
        .startsWith("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE");
    assertThat(Files.readAllBytes(dir.resolve("DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der")))
        .isEqualTo(pki.dpAuth(Curve.NIST_P256).certificate().getEncoded());
  }

  @Test
  void writtenDirectoryLoadsBackToTheSameCredentials(@TempDir Path dir) throws Exception {
    TestPki pki = Fixtures.seededPki();
    PkiDirectory.write(pki, dir);
    LoadedPki loaded = PkiDirectory.load(dir, VariantsTest.CHECK);
    assertThat(loaded.curves()).containsExactlyInAnyOrder(Curve.values());
    for (Curve curve : Curve.values()) {
      for (Role role : Role.values()) {
        Credential g = pki.credential(role, curve);
        Credential l = loaded.credential(role, curve);
        assertThat(l.certificate()).isEqualTo(g.certificate());
        assertThat(l.chain()).isEqualTo(g.chain());
        // The loaded key signs what the generated certificate's key verifies.
        Signature s = Signature.getInstance("SHA256withECDSA", Keys.BC);
        s.initSign(l.privateKey());
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(g.certificate().getPublicKey());
        s.update(new byte[] {1, 2, 3});
        assertThat(s.verify(sig)).as("%s %s", role, curve).isTrue();
      }
      assertThat(loaded.crl(curve).orElseThrow()).isEqualTo(pki.crl(curve).orElseThrow());
    }
  }

  @Test
  void buildsBothCurvesWithTheirVariants() {
    // how fast: a measurement for a benchmark, not a unit test's assertion
    TestPki pki = TestPki.builder().random(RandomSource.seeded(99)).variants(true).build();
    assertThat(pki.certificates()).hasSize(16);
  }
}
