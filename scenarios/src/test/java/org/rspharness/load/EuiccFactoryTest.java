package org.rspharness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.ChainResult;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.euicc.config.EuiccIdentity;

class EuiccFactoryTest {

  private static TestPki pki;

  @BeforeAll
  static void pki() {
    pki = TestPki.builder().random(RandomSource.seeded(3)).build();
  }

  @Test
  void eidsAreDistinctValidAndInTheEumRange() {
    EuiccFactory f = new EuiccFactory(pki, Set.of(Curve.NIST_P256), 42);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Eid eid = f.eid(i);
      assertThat(Eid.of(eid.value())).isEqualTo(eid); // check digits verify
      assertThat(eid.value()).startsWith("89049032");
      seen.add(eid.value());
    }
    assertThat(seen).hasSize(1000);
    assertThat(new EuiccFactory(pki, Set.of(Curve.NIST_P256), 43).eid(0)).isNotEqualTo(f.eid(0));
  }

  @Test
  void issuedCertificatesCarryTheEidAndValidateUpToTheCi() {
    EuiccFactory f = new EuiccFactory(pki, Set.of(Curve.NIST_P256, Curve.BRAINPOOL_P256R1), 42);
    EuiccIdentity id = f.identity(7);
    assertThat(id.eid()).isEqualTo(f.eid(7));
    assertThat(id.curves()).containsExactlyInAnyOrder(Curve.NIST_P256, Curve.BRAINPOOL_P256R1);
    for (Curve c : id.curves()) {
      EuiccIdentity.CurveCredentials cc = id.credentials(c).orElseThrow();
      assertThat(CertFacts.eid(cc.euiccCertificate())).contains(f.eid(7).value());
      assertThat(CertFacts.role(cc.euiccCertificate())).contains(Role.EUICC);
      ChainResult r =
          pki.validator()
              .validate(
                  cc.euiccCertificate(),
                  java.util.List.of(cc.eumCertificate()),
                  Role.EUICC,
                  Instant.now());
      assertThat(r.ok()).as(r.reason()).isTrue();
    }
  }

  @Test
  void keysFollowFromTheSeedAndTheIndex() {
    EuiccFactory a = new EuiccFactory(pki, Set.of(Curve.NIST_P256), 42);
    EuiccFactory b = new EuiccFactory(pki, Set.of(Curve.NIST_P256), 42);
    byte[] k0 = key(a.identity(0));
    assertThat(key(b.identity(0))).isEqualTo(k0);
    assertThat(key(a.identity(1))).isNotEqualTo(k0);
  }

  @Test
  void aLazyIdentityIssuesTheSameCredentialsWhenFirstUsed() {
    EuiccFactory f = new EuiccFactory(pki, Set.of(Curve.NIST_P256), 42);
    EuiccIdentity lazy = f.lazyIdentity(5);
    org.rspharness.euicc.Euicc card =
        org.rspharness.euicc.Euicc.builder(lazy)
            .config(
                org.rspharness.euicc.config.EuiccConfig.defaults()
                    .withCurves(Set.of(Curve.NIST_P256)))
            .build();
    // an idle card holds its EID only: building it issues nothing
    assertThat(card.eid()).isEqualTo(f.eid(5));
    assertThat(lazy.loaded()).isFalse();
    assertThat(key(lazy)).isEqualTo(key(f.identity(5)));
    assertThat(lazy.loaded()).isTrue();
  }

  private static byte[] key(EuiccIdentity id) {
    return id.credentials(Curve.NIST_P256)
        .orElseThrow()
        .euiccCertificate()
        .getPublicKey()
        .getEncoded();
  }

  @Test
  void refusesAPkiWithoutTheEumKey() {
    CredentialSource noKey = new StripEumKey(pki);
    assertThatThrownBy(() -> new EuiccFactory(noKey, Set.of(Curve.NIST_P256), 1))
        .hasMessageContaining("the EUM of NIST has no private key");
  }

  @Test
  void issuesUnderTheSgp26Eum() {
    Path dir = ReferenceData.require("sgp26");
    CredentialSource sgp26 = PkiDirectory.load(dir);
    Assumptions.assumeTrue(sgp26.eum(Curve.NIST_P256).hasPrivateKey());
    EuiccFactory f = new EuiccFactory(sgp26, Set.of(Curve.NIST_P256), 5);
    EuiccIdentity id = f.identity(3);
    EuiccIdentity.CurveCredentials cc = id.credentials(Curve.NIST_P256).orElseThrow();
    ChainResult r =
        sgp26
            .validator()
            .validate(
                cc.euiccCertificate(),
                java.util.List.of(cc.eumCertificate()),
                Role.EUICC,
                Instant.now());
    assertThat(r.ok()).as(r.reason()).isTrue();
  }

  /** The PKI with the EUM's private key removed. */
  private record StripEumKey(TestPki base) implements CredentialSource {
    @Override
    public org.rspharness.core.pki.Credential credential(Role role, Curve curve) {
      return find(role, curve).orElseThrow();
    }

    @Override
    public java.util.Optional<org.rspharness.core.pki.Credential> find(Role role, Curve curve) {
      return base.find(role, curve)
          .map(
              c ->
                  role == Role.EUM
                      ? new org.rspharness.core.pki.Credential(c.certificate(), null, c.chain())
                      : c);
    }

    @Override
    public Set<Curve> curves() {
      return base.curves();
    }

    @Override
    public java.util.List<java.security.cert.X509Certificate> certificates() {
      return base.certificates();
    }

    @Override
    public java.util.Optional<java.security.cert.X509CRL> crl(Curve curve) {
      return base.crl(curve);
    }

    @Override
    public java.util.Optional<org.rspharness.core.pki.Credential> variant(
        org.rspharness.core.pki.BadVariant variant, Curve curve) {
      return java.util.Optional.empty();
    }

    @Override
    public String description() {
      return "stripped";
    }
  }
}
