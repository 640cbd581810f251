package org.rspharness.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.NativeEc;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.Certificates;
import org.rspharness.core.pki.ChainResult;
import org.rspharness.core.pki.ChainValidator;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;

/**
 * The validator remembers verified signatures and validity bounds per certificate encoding; what
 * depends on the time of the check or on the CRL must still be decided on every call.
 */
class ChainValidatorCacheTest {

  private static final Instant CHECK = VariantsTest.CHECK;

  @Test
  void certificateValidOnceIsRejectedAsExpiredWhenTheClockHasMovedOn() {
    TestPki pki = Fixtures.seededPki();
    ChainValidator v = pki.validator();
    Credential dpAuth = pki.credential(Role.DP_AUTH, Curve.NIST_P256);
    Instant notAfter = dpAuth.certificate().getNotAfter().toInstant();

    assertThat(v.validate(dpAuth, Role.DP_AUTH, CHECK).ok()).isTrue();
    ChainResult later = v.validate(dpAuth, Role.DP_AUTH, notAfter.plusSeconds(1));
    assertThat(later.ok()).isFalse();
    assertThat(later.reason()).startsWith("expired: 'O=ACME, CN=TEST SM-DP+' expired at ");
    // And back: nothing of the failure was remembered.
    assertThat(v.validate(dpAuth, Role.DP_AUTH, CHECK).ok()).isTrue();
  }

  @Test
  void certificateValidOnceIsNotYetValidBeforeItsNotBefore() {
    TestPki pki = Fixtures.seededPki();
    ChainValidator v = pki.validator();
    Credential euicc = pki.credential(Role.EUICC, Curve.BRAINPOOL_P256R1);
    Instant notBefore = euicc.certificate().getNotBefore().toInstant();

    assertThat(v.validate(euicc, Role.EUICC, CHECK).ok()).isTrue();
    ChainResult earlier = v.validate(euicc, Role.EUICC, notBefore.minusSeconds(1));
    assertThat(earlier.ok()).isFalse();
    assertThat(earlier.reason()).startsWith("not yet valid: ");
  }

  @Test
  void revokedCertificateStaysRejectedAfterTheCrlSignatureWasCached() {
    TestPki pki = Fixtures.seededPki();
    ChainValidator v = pki.validator();
    for (Curve curve : Curve.values()) {
      // The good DPauth caches the CI's signature on the CRL and on its own certificate.
      assertThat(v.validate(pki.credential(Role.DP_AUTH, curve), Role.DP_AUTH, CHECK).ok())
          .isTrue();
      Credential revoked = pki.variant(BadVariant.REVOKED, curve).orElseThrow();
      for (int i = 0; i < 2; i++) {
        ChainResult r = v.validate(revoked, Role.DP_AUTH, CHECK);
        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).startsWith("revoked: serial 0x");
      }
    }
  }

  @Test
  void certificateFromAnUnknownCiIsRejectedAfterGoodOnesWereCached() {
    TestPki pki = Fixtures.seededPki();
    ChainValidator v = pki.validator();
    Curve curve = Curve.NIST_P256;
    assertThat(v.validate(pki.credential(Role.DP_AUTH, curve), Role.DP_AUTH, CHECK).ok()).isTrue();
    Credential foreign = pki.variant(BadVariant.UNKNOWN_CI, curve).orElseThrow();
    for (int i = 0; i < 2; i++) {
      ChainResult r = v.validate(foreign, Role.DP_AUTH, CHECK);
      assertThat(r.reason()).contains("issued by an unknown CI");
    }
  }

  @Test
  void certificateWithAlteredSignatureBytesIsRejectedThoughItsTbsPartWasCached() throws Exception {
    TestPki pki = Fixtures.seededPki();
    ChainValidator v = pki.validator();
    Credential eum = pki.credential(Role.EUM, Curve.NIST_P256);
    assertThat(v.validate(eum, Role.EUM, CHECK).ok()).isTrue();

    byte[] der = eum.certificate().getEncoded();
    // The last byte belongs to the signature's s: the TBS part and the issuer stay the same.
    der[der.length - 1] ^= 0x01;
    X509Certificate tampered = Certificates.parse(der);
    for (int i = 0; i < 2; i++) {
      ChainResult r = v.validate(tampered, List.of(), Role.EUM, CHECK);
      assertThat(r.ok()).isFalse();
      assertThat(r.reason())
          .startsWith("signature of 'C=ES, O=RSP Test EUM, CN=EUM Test' does not verify");
    }
    // The genuine certificate is still good.
    assertThat(v.validate(eum, Role.EUM, CHECK).ok()).isTrue();
  }

  @Test
  void parsedCertificatesAreSharedPerEncodingAndGarbageIsRefusedEveryTime() throws Exception {
    byte[] der =
        Fixtures.seededPki().credential(Role.CI, Curve.NIST_P256).certificate().getEncoded();
    X509Certificate first = Certificates.parse(der);
    byte[] framed = new byte[der.length + 4];
    System.arraycopy(der, 0, framed, 2, der.length);
    assertThat(Certificates.parse(framed, 2, der.length)).isSameAs(first);
    assertThat(first.getEncoded()).isEqualTo(der);

    byte[] garbage = {0x30, 0x03, 0x02, 0x01, 0x05};
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> Certificates.parse(garbage))
          .isInstanceOfAny(CertificateException.class, RuntimeException.class);
    }
  }

  @Test
  void withTheNativeProviderLoadedEveryRoleValidatesAndAlteredSignaturesFailOnBothCurves()
      throws Exception {
    NativeEc.description(); // loaded: ecdsa-with-SHA256 signatures go through Ecdsa
    assertThat(NativeEc.loaded()).isTrue();
    // a PKI of its own: nothing of it is in the process-wide cache of verified signatures yet
    TestPki pki =
        TestPki.builder().random(RandomSource.seeded(1106)).validFrom(Fixtures.SGP26_START).build();
    ChainValidator v = pki.validator();
    for (Curve curve : Curve.values()) {
      for (Role role : List.of(Role.CI, Role.EUM, Role.EUICC, Role.DP_AUTH, Role.DP_PB)) {
        ChainResult r = v.validate(pki.credential(role, curve), role, CHECK);
        assertThat(r.ok()).as("%s %s: %s", role, curve, r.reason()).isTrue();
      }
      Credential eum = pki.credential(Role.EUM, curve);
      byte[] der = eum.certificate().getEncoded();
      der[der.length - 1] ^= 0x01; // the signature's s
      ChainResult r = v.validate(Certificates.parse(der), List.of(), Role.EUM, CHECK);
      assertThat(r.ok()).as(curve.toString()).isFalse();
      assertThat(r.reason()).contains("does not verify");
    }
  }
}
