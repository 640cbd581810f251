package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.store.StateStore;

/** The GSMA SGP.26 test identity works unchanged: EID, authentication and a download. */
class Sgp26Test {

  static Path sgp26() {
    return ReferenceData.require("sgp26");
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void sgp26IdentityAuthenticatesAndInstalls(Curve curve) {
    CredentialSource pki = PkiDirectory.load(sgp26());
    Euicc euicc = Euicc.create(pki, EuiccConfig.defaults(), StateStore.inMemory());
    assertThat(euicc.eid().value()).isEqualTo("89049032123451234512345678901235");
    LpaLink link = new LpaLink(euicc).open();
    TestSmdp smdp = new TestSmdp(pki, curve, RandomSource.seeded(26));
    Fixture.Download d = new Fixture.Download(link, smdp).authenticate().prepare();
    String iccid = Fixture.iccid(26);
    byte[] pir =
        d.load(
            smdp.bind(
                d.euiccOtpk,
                Profiles.metadata(iccid),
                Profiles.upp(iccid, 500),
                new TestSmdp.Options()));
    assertThat(Tlv.parse(pir).get(0xBF27).get(0xA2).find(0xA0)).isPresent();
    assertThat(euicc.state().profiles()).hasSize(1);
  }
}
