package org.rspharness.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.ChainResult;
import org.rspharness.core.pki.ChainValidator;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.pki.Role;
import org.rspharness.core.testsupport.ReferenceData;

/** The real SGP.26 folder loads unchanged as a credential source. */
class Sgp26LoadTest {

  private static LoadedPki pki;
  private static Path dir;

  @BeforeAll
  static void load() {
    dir = ReferenceData.require("sgp26");
    pki = PkiDirectory.load(dir, Fixtures.SGP26_CHECK);
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void everySgp26RoleIsFoundWithKeyAndGoodChain(Curve curve) {
    ChainValidator v = pki.validator();
    for (Role role :
        List.of(Role.CI, Role.EUM, Role.EUICC, Role.DP_AUTH, Role.DP_PB, Role.DP_TLS)) {
      Credential c = pki.credential(role, curve);
      assertThat(c.role()).as("%s %s", role, curve).contains(role);
      assertThat(c.curve()).isEqualTo(curve);
      assertThat(c.hasPrivateKey()).as("key of %s %s", role, curve).isTrue();
      assertThat(Keys.matches(c.privateKey(), c.certificate().getPublicKey())).isTrue();
      ChainResult r = v.validate(c, role, Fixtures.SGP26_CHECK);
      assertThat(r.ok()).as("%s %s: %s", role, curve, r.reason()).isTrue();
      assertThat(r.path()).last().isEqualTo(pki.ci(curve).certificate());
    }
  }

  @Test
  void ciKeyIdentifiersAreThoseOfTheInventory() {
    assertThat(CertFacts.subjectKeyId(pki.ci(Curve.NIST_P256).certificate()).map(CertFacts::hex))
        .contains("F5:41:72:BD:F9:8A:95:D6:5C:BE:B8:8A:38:A1:C1:1D:80:0A:85:C3");
    assertThat(
            CertFacts.subjectKeyId(pki.ci(Curve.BRAINPOOL_P256R1).certificate())
                .map(CertFacts::hex))
        .contains("C0:BC:70:BA:36:92:9D:43:B4:67:FF:57:57:05:30:E5:7A:B8:FC:D8");
  }

  @Test
  void primarySmdpWinsOverDp2AndValidDpTlsOverExpiredOnes() {
    assertThat(CertFacts.registeredIds(pki.dpAuth(Curve.NIST_P256).certificate()))
        .containsExactly("2.999.10");
    assertThat(CertFacts.registeredIds(pki.dpPb(Curve.BRAINPOOL_P256R1).certificate()))
        .containsExactly("2.999.10");
    assertThat(CertFacts.dnsNames(pki.dpTls(Curve.NIST_P256).certificate()))
        .containsExactly("testsmdpplus1.example.com");
    List<Credential> tls = pki.candidates(Role.DP_TLS, Curve.NIST_P256);
    assertThat(tls).hasSize(4);
    ChainValidator v = pki.validator();
    for (Credential c : tls.subList(1, tls.size())) {
      assertThat(v.validate(c, Role.DP_TLS, Fixtures.SGP26_CHECK).reason())
          .startsWith("expired:")
          .contains("2025-08-11");
    }
    assertThat(pki.candidates(Role.DP_AUTH, Curve.NIST_P256)).hasSize(2);
  }

  @Test
  void euiccCarriesTheSgp26EidAndChainsThroughTheEum() {
    Credential euicc = pki.euicc(Curve.NIST_P256);
    assertThat(CertFacts.eid(euicc.certificate())).contains(TestPkiBuilder.SGP26_EID);
    assertThat(euicc.chain())
        .containsExactly(
            pki.eum(Curve.NIST_P256).certificate(), pki.ci(Curve.NIST_P256).certificate());
  }

  @Test
  void dpTlsIsOnlyValidInsideItsYear() {
    ChainValidator v = pki.validator();
    Credential tls = pki.dpTls(Curve.BRAINPOOL_P256R1);
    assertThat(
            v.validate(tls, Role.DP_TLS, java.time.Instant.parse("2027-03-01T00:00:00Z")).reason())
        .startsWith("expired:")
        .contains("2027-02-06T13:39:07Z");
    assertThat(
            v.validate(tls, Role.DP_TLS, java.time.Instant.parse("2026-07-01T00:00:00Z")).reason())
        .startsWith("not yet valid:")
        .contains("2026-07-21T13:39:07Z");
  }

  @Test
  void sgp26HasNoSmdsCertificatesAndSaysWhichFilesItExpected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> pki.dsAuth(Curve.NIST_P256))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("DSauth")
        .hasMessageContaining("DSauth/CERT_S_SM_DSauth_ECDSA_NIST.der")
        .hasMessageContaining("DSauth/SK_S_SM_DSauth_ECDSA_NIST.pem");
  }
}
