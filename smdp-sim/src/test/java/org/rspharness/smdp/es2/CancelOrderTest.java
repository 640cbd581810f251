package org.rspharness.smdp.es2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rspharness.smdp.es2.Es2Support.HEADER;
import static org.rspharness.smdp.es2.Es2Support.assertFailed;

import org.junit.jupiter.api.Test;
import org.rspharness.core.es2.CancelOrderRequest;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.FinalProfileStatusIndicator;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.order.ProfileState;

class CancelOrderTest {

  private static final Iccid A = Iccid.withCheckDigit("894900000000000301");

  private SmdpFixture released() {
    SmdpFixture f =
        new SmdpFixture().start(SmdpFixture.available("894900000000000301", "gold").build());
    f.smdp.es2().downloadOrder(new DownloadOrderRequest(HEADER, DownloadOrderTest.EID, A, null));
    f.smdp
        .es2()
        .confirmOrder(
            new ConfirmOrderRequest(HEADER, A, null, MatchingId.of("C-1"), null, null, true));
    return f;
  }

  private ProfileState state(SmdpFixture f) {
    return f.smdp.orders().find(A).orElseThrow().state();
  }

  @Test
  void cancelToAvailableFreesTheProfileAndItsMatchingId() {
    SmdpFixture f = released();
    var r =
        f.smdp
            .es2()
            .cancelOrder(
                new CancelOrderRequest(
                    HEADER,
                    A,
                    DownloadOrderTest.EID,
                    MatchingId.of("C-1"),
                    FinalProfileStatusIndicator.AVAILABLE));
    assertThat(r.header().executed()).isTrue();
    assertThat(state(f)).isEqualTo(ProfileState.AVAILABLE);
    assertThat(f.smdp.orders().byMatchingId("C-1")).isEmpty();
    assertThat(f.smdp.orders().find(A).get().eid()).isNull();
  }

  @Test
  void cancelToUnavailableWithdrawsTheProfile() {
    SmdpFixture f = released();
    f.smdp
        .es2()
        .cancelOrder(
            new CancelOrderRequest(
                HEADER, A, DownloadOrderTest.EID, null, FinalProfileStatusIndicator.UNAVAILABLE));
    assertThat(state(f)).isEqualTo(ProfileState.UNAVAILABLE);
    assertFailed(
        f.smdp
            .es2()
            .cancelOrder(
                new CancelOrderRequest(
                    HEADER, A, null, null, FinalProfileStatusIndicator.AVAILABLE))
            .header(),
        StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
  }

  @Test
  void refusesUnknownIccidOtherEidAndOtherMatchingId() {
    SmdpFixture f = released();
    assertFailed(
        f.smdp
            .es2()
            .cancelOrder(
                new CancelOrderRequest(
                    HEADER,
                    Iccid.withCheckDigit("894900000000000399"),
                    null,
                    null,
                    FinalProfileStatusIndicator.AVAILABLE))
            .header(),
        StatusCodes.PROFILE_ICCID_UNKNOWN);
    assertFailed(
        f.smdp
            .es2()
            .cancelOrder(
                new CancelOrderRequest(
                    HEADER,
                    A,
                    org.rspharness.core.ids.Eid.of(SmdpFixture.PKI.eid().value()),
                    null,
                    FinalProfileStatusIndicator.AVAILABLE))
            .header(),
        StatusCodes.EID_DIFFERENT_ASSOCIATED);
    assertFailed(
        f.smdp
            .es2()
            .cancelOrder(
                new CancelOrderRequest(
                    HEADER,
                    A,
                    DownloadOrderTest.EID,
                    MatchingId.of("C-2"),
                    FinalProfileStatusIndicator.AVAILABLE))
            .header(),
        StatusCodes.MATCHING_ID_DIFFERENT_ASSOCIATED);
    assertThat(state(f)).isEqualTo(ProfileState.RELEASED);
  }

  @Test
  void refusesWithoutTheEidOfAnOrderLinkedToOne() {
    // SGP.22 5.3.3: the EID is conditional, present when the order is linked to an EID
    SmdpFixture f = released();
    assertFailed(
        f.smdp
            .es2()
            .cancelOrder(
                new CancelOrderRequest(
                    HEADER, A, null, MatchingId.of("C-1"), FinalProfileStatusIndicator.AVAILABLE))
            .header(),
        StatusCodes.EID_MISSING);
    assertThat(state(f)).isEqualTo(ProfileState.RELEASED);
  }

  @Test
  void refusesToCancelAnInstalledProfile() {
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.released("894900000000000301", "C-3")
                    .state(ProfileState.INSTALLED)
                    .build());
    assertFailed(
        f.smdp
            .es2()
            .cancelOrder(
                new CancelOrderRequest(
                    HEADER, A, null, null, FinalProfileStatusIndicator.AVAILABLE))
            .header(),
        StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
  }
}
