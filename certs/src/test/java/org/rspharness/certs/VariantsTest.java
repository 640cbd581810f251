package org.rspharness.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.BadVariant;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.ChainResult;
import org.rspharness.core.pki.ChainValidator;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.Role;

/** Every bad variant fails validation for its own reason, on both curves, in memory and on disk. */
class VariantsTest {

  static final Instant CHECK = Fixtures.SGP26_START.plusSeconds(86_400);

  static final Map<BadVariant, String> REASON =
      Map.of(
          BadVariant.EXPIRED, "expired: ",
          BadVariant.NOT_YET_VALID, "not yet valid: ",
          BadVariant.UNKNOWN_CI, "issued by an unknown CI",
          BadVariant.SELF_SIGNED_EUM, "self-signed: 'C=ES, O=RSP Test EUM, CN=EUM Test'",
          BadVariant.SELF_SIGNED_EUICC, "self-signed: 'C=ES, O=RSP Test EUM, SERIALNUMBER=",
          BadVariant.WRONG_ROLE_POLICY,
              "wrong role policy: 'O=ACME, CN=TEST SM-DP+' has policy "
                  + "2.23.146.1.2.1.5 (DPpb) where DPauth requires 2.23.146.1.2.1.4",
          BadVariant.EID_OUTSIDE_EUM_RANGE,
              "is outside the EUM's permitted range (name constraints:"
                  + " O=RSP Test EUM, serialNumber prefix 89049032)",
          BadVariant.WRONG_KEY_USAGE,
              "wrong key usage: 'O=ACME, CN=TEST SM-DP+' has [keyAgreement]",
          BadVariant.REVOKED, "revoked: serial ");

  @Test
  void everyVariantHasAReasonToCheck() {
    assertThat(REASON.keySet()).containsExactlyInAnyOrder(BadVariant.values());
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void regularCredentialsAllValidate(Curve curve) {
    TestPki pki = Fixtures.seededPki();
    ChainValidator v = pki.validator();
    for (Role role : Role.values()) {
      ChainResult r = v.validate(pki.credential(role, curve), role, CHECK);
      assertThat(r.ok()).as("%s %s: %s", role, curve, r.reason()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(BadVariant.class)
  void variantFailsForItsOwnReason(BadVariant variant) {
    TestPki pki = Fixtures.seededPki();
    ChainValidator v = pki.validator();
    for (Curve curve : Curve.values()) {
      Credential c = pki.variant(variant, curve).orElseThrow();
      assertThat(CertFacts.curve(c.certificate())).isEqualTo(curve);
      ChainResult r = v.validate(c, variant.role(), CHECK);
      assertThat(r.ok()).isFalse();
      assertThat(r.reason()).as("%s %s", variant, curve).contains(REASON.get(variant));
      for (BadVariant other : BadVariant.values()) {
        if (other != variant) {
          assertThat(r.reason()).doesNotContain(REASON.get(other));
        }
      }
    }
  }

  @Test
  void revokedVariantIsOtherwiseGoodSoTheCrlIsWhatRejectsIt() {
    TestPki pki = Fixtures.seededPki();
    Credential revoked = pki.variant(BadVariant.REVOKED, Curve.NIST_P256).orElseThrow();
    ChainValidator noCrl =
        new ChainValidator(List.of(pki.ci(Curve.NIST_P256).certificate()), List.of());
    assertThat(noCrl.validate(revoked, Role.DP_AUTH, CHECK).ok()).isTrue();
    assertThat(pki.crl(Curve.NIST_P256).orElseThrow().isRevoked(revoked.certificate())).isTrue();
    assertThat(
            pki.crl(Curve.NIST_P256)
                .orElseThrow()
                .isRevoked(pki.dpAuth(Curve.NIST_P256).certificate()))
        .isFalse();
  }

  @Test
  void aForeignCiIsNotTrustedEvenWithTheSameName() {
    TestPki other =
        TestPki.builder()
            .random(org.rspharness.core.random.RandomSource.seeded(43))
            .validFrom(Fixtures.SGP26_START)
            .curves(java.util.EnumSet.of(Curve.NIST_P256))
            .build();
    ChainResult r =
        Fixtures.seededPki().validator().validate(other.ci(Curve.NIST_P256), Role.CI, CHECK);
    assertThat(r.reason())
        .isEqualTo(
            "'CN=Test CI, OU=TESTCERT, O=RSPTEST, C=IT' is not the"
                + " trusted CI of curve NIST (same name or not, another key)");
    assertThat(
            Fixtures.seededPki()
                .validator()
                .validate(Fixtures.seededPki().ci(Curve.NIST_P256), Role.CI, CHECK)
                .ok())
        .isTrue();
  }

  @Test
  void eidOutsideRangeIsAValidEidWithAnotherPrefix() {
    String eid =
        CertFacts.eid(
                Fixtures.seededPki()
                    .variant(BadVariant.EID_OUTSIDE_EUM_RANGE, Curve.BRAINPOOL_P256R1)
                    .orElseThrow()
                    .certificate())
            .orElseThrow();
    assertThat(org.rspharness.core.ids.Eid.of(eid).startsWith("89049032")).isFalse();
    assertThat(eid).startsWith("89049033");
  }

  @Test
  void variantsWrittenToDiskLoadAndFailForTheSameReasons(@TempDir Path dir) {
    PkiDirectory.write(Fixtures.seededPki(), dir);
    LoadedPki loaded = PkiDirectory.load(dir, CHECK);
    ChainValidator v = loaded.validator();
    assertThat(loaded.variantEntries()).hasSize(2 * BadVariant.values().length);
    for (BadVariant variant : BadVariant.values()) {
      for (Curve curve : Curve.values()) {
        Credential c = loaded.variant(variant, curve).orElseThrow();
        assertThat(c.hasPrivateKey()).isTrue();
        assertThat(v.validate(c, variant.role(), CHECK).reason())
            .as("%s %s", variant, curve)
            .contains(REASON.get(variant));
      }
    }
  }
}
