package org.rspharness.smdp.es2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rspharness.smdp.es2.Es2Support.HEADER;
import static org.rspharness.smdp.es2.Es2Support.assertFailed;

import org.junit.jupiter.api.Test;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.ReleaseProfileRequest;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.order.ProfileState;

class ReleaseProfileTest {

  private static final Iccid A = Iccid.withCheckDigit("894900000000000401");

  @Test
  void releasesAConfirmedProfileOnce() {
    SmdpFixture f =
        new SmdpFixture().start(SmdpFixture.available("894900000000000401", "gold").build());
    assertFailed(
        f.smdp.es2().releaseProfile(new ReleaseProfileRequest(HEADER, A)).header(),
        StatusCodes.PROFILE_ICCID_CANNOT_BE_RELEASED);
    f.smdp.es2().downloadOrder(new DownloadOrderRequest(HEADER, null, A, null));
    var c =
        f.smdp
            .es2()
            .confirmOrder(new ConfirmOrderRequest(HEADER, A, null, null, null, null, false));
    f.euicc.matchingId = c.matchingId().value();
    assertFailed(f.authenticate(f.initiate()).header(), StatusCodes.PROFILE_NOT_RELEASED);

    assertThat(
            f.smdp.es2().releaseProfile(new ReleaseProfileRequest(HEADER, A)).header().executed())
        .isTrue();
    assertThat(f.smdp.orders().find(A).get().state()).isEqualTo(ProfileState.RELEASED);
    assertThat(f.authenticate(f.initiate()).header().executed()).isTrue();
    assertFailed(
        f.smdp.es2().releaseProfile(new ReleaseProfileRequest(HEADER, A)).header(),
        StatusCodes.PROFILE_ICCID_CANNOT_BE_RELEASED);
  }

  @Test
  void refusesAnUnknownIccid() {
    SmdpFixture f = new SmdpFixture().start();
    assertFailed(
        f.smdp.es2().releaseProfile(new ReleaseProfileRequest(HEADER, A)).header(),
        StatusCodes.PROFILE_ICCID_UNKNOWN);
  }
}
