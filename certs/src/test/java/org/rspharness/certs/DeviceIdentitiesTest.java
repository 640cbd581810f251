package org.rspharness.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.ChainResult;
import org.rspharness.core.pki.ChainValidator;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.testsupport.ReferenceData;

class DeviceIdentitiesTest {

  @ParameterizedTest
  @EnumSource(Curve.class)
  void devicesOfAGeneratedPkiGetTheirOwnEidAndAValidEuiccChain(Curve curve) {
    TestPki pki = Fixtures.seededPki();
    check(pki, curve, Fixtures.SGP26_CHECK);
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void devicesOfTheSgp26PkiChainToItsCiUnderItsEumNameConstraints(Curve curve) {
    LoadedPki pki = PkiDirectory.load(ReferenceData.require("sgp26"), Fixtures.SGP26_CHECK);
    check(pki, curve, Fixtures.SGP26_CHECK);
  }

  private static void check(CredentialSource pki, Curve curve, Instant at) {
    Eid base = eidOf(pki.euicc(curve));
    Eid e7 = DeviceIdentities.eid(base, 7);
    assertThat(e7.value()).startsWith(base.value().substring(0, 20)).contains("0000000007");
    assertThat(DeviceIdentities.eid(base, 8)).isNotEqualTo(e7);

    CredentialSource device =
        DeviceIdentities.forDevice(pki, e7, Set.of(curve), RandomSource.seeded(7));
    Credential euicc = device.euicc(curve);
    assertThat(eidOf(euicc)).isEqualTo(e7);
    ChainResult r = ChainValidator.of(pki).validate(euicc, Role.EUICC, at);
    assertThat(r.ok()).as(r.reason()).isTrue();
    assertThat(device.dpAuth(curve).certificate()).isEqualTo(pki.dpAuth(curve).certificate());
    assertThat(device.certificates())
        .contains(euicc.certificate())
        .doesNotContain(pki.euicc(curve).certificate());
    // the same seed issues the same key
    X509Certificate again =
        DeviceIdentities.forDevice(pki, e7, Set.of(curve), RandomSource.seeded(7))
            .euicc(curve)
            .certificate();
    assertThat(again.getPublicKey()).isEqualTo(euicc.certificate().getPublicKey());
  }

  private static Eid eidOf(Credential c) {
    return Eid.of(CertFacts.eid(c.certificate()).orElseThrow());
  }
}
