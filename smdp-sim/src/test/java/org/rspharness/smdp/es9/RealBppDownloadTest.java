package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.asn1.rsp.ProfileInfo;
import org.rspharness.asn1.rsp.ProfileInstallationResultData;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.lpa.es10.BppLoadResult;
import org.rspharness.smdp.SmdpFixture;

/** A download through the service with the real BPP builder, installed by the real eUICC. */
public class RealBppDownloadTest {

  @ParameterizedTest
  @EnumSource(Curve.class)
  void theBoundPackageInstallsOnTheEuiccWithItsMetadataAndProfile(Curve curve) {
    SmdpFixture f = new SmdpFixture(curve);
    f.realBinder = true;
    f.start(SmdpFixture.released("894900000000000041", "REAL-1").build());
    f.euicc.matchingId = "REAL-1";
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    GetBoundProfilePackageResponse r = f.getBpp(ac, null);
    assertThat(r.header().executed()).isTrue();

    assertInstalled(
        f,
        f.euicc.es10().loadBoundProfilePackage(r.boundProfilePackage()),
        ac,
        Iccid.withCheckDigit("894900000000000041"));
  }

  /**
   * The card verified the InitialiseSecureChannel signature, derived the session keys from its
   * otSK.EUICC, opened every segment and installed the profile of the order with its metadata.
   */
  public static void assertInstalled(
      SmdpFixture f, BppLoadResult load, AuthenticateClientResponseEs9 ac, Iccid iccid) {
    ProfileInstallationResultData data = load.result().value().getProfileInstallationResultData();
    assertThat(data.getFinalResult().getSuccessResult()).as("installed").isNotNull();
    assertThat(data.getTransactionId().value).isEqualTo(ac.transactionId().bytes());
    List<ProfileInfo> profiles = f.euicc.es10().getProfilesInfo();
    assertThat(profiles).hasSize(1);
    ProfileInfo p = profiles.get(0);
    assertThat(Iccid.fromEfIccid(p.getIccid().value)).isEqualTo(iccid);
    assertThat(p.getServiceProviderName().toString()).isEqualTo("RSP Harness");
    assertThat(p.getProfileName().toString()).isEqualTo("Lab profile");
  }
}
