package org.rspharness.smdp.es2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rspharness.smdp.es2.Es2Support.HEADER;
import static org.rspharness.smdp.es2.Es2Support.assertFailed;

import org.junit.jupiter.api.Test;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.ConfirmOrderResponse;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.ProfileState;

class ConfirmOrderTest {

  private static final Iccid A = Iccid.withCheckDigit("894900000000000201");
  private static final Iccid B = Iccid.withCheckDigit("894900000000000202");

  private SmdpFixture reserved(Eid eid) {
    SmdpFixture f = new SmdpFixture();
    // an SM-DS reachable in memory at any address
    f.smds =
        org.rspharness.smds.SmdsSimulator.builder(SmdpFixture.PKI, "smds.example.com")
            .build()
            .es12();
    f.start(
        SmdpFixture.available("894900000000000201", "gold").build(),
        SmdpFixture.available("894900000000000202", "gold").build());
    f.smdp.es2().downloadOrder(new DownloadOrderRequest(HEADER, eid, A, null));
    f.smdp.es2().downloadOrder(new DownloadOrderRequest(HEADER, null, B, null));
    return f;
  }

  private Order order(SmdpFixture f, Iccid i) {
    return f.smdp.orders().find(i).orElseThrow();
  }

  @Test
  void releasesWithAGeneratedMatchingIdThatAnEuiccCanUse() {
    SmdpFixture f = reserved(null);
    ConfirmOrderResponse r =
        f.smdp
            .es2()
            .confirmOrder(
                new ConfirmOrderRequest(HEADER, A, null, MatchingId.EMPTY, "4321", null, true));
    assertThat(r.header().executed()).isTrue();
    assertThat(r.matchingId().value()).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){3}");
    assertThat(r.smdpAddress().value()).isEqualTo(SmdpFixture.HOST);
    assertThat(order(f, A).state()).isEqualTo(ProfileState.RELEASED);
    assertThat(order(f, A).confirmationCode()).isEqualTo("4321");
    f.euicc.matchingId = r.matchingId().value();
    var ac = f.authenticate(f.initiate());
    assertThat(ac.header().executed()).isTrue();
    assertThat(f.getBpp(ac, "4321").header().executed()).isTrue();
  }

  @Test
  void confirmsWithoutReleaseKeepingTheOperatorsMatchingIdAndSmds() {
    SmdpFixture f = reserved(DownloadOrderTest.EID);
    ConfirmOrderResponse r =
        f.smdp
            .es2()
            .confirmOrder(
                new ConfirmOrderRequest(
                    HEADER,
                    A,
                    DownloadOrderTest.EID,
                    MatchingId.of("OP-1"),
                    null,
                    "smds.example.com",
                    false));
    assertThat(r.header().executed()).isTrue();
    assertThat(r.eid()).isEqualTo(DownloadOrderTest.EID);
    assertThat(r.matchingId()).isEqualTo(MatchingId.of("OP-1"));
    assertThat(order(f, A).state()).isEqualTo(ProfileState.CONFIRMED);
    assertThat(order(f, A).smdsAddress()).isEqualTo("smds.example.com");
    // SGP.22 5.3.2: the event, EventID = matchingId, for the order's EID
    assertThat(f.smdp.smds().of(A).orElseThrow().eventId()).isEqualTo("OP-1");
  }

  @Test
  void refusesUnknownIccidOtherEidTakenMatchingIdAndWrongState() {
    SmdpFixture f = reserved(DownloadOrderTest.EID);
    assertFailed(
        f.smdp
            .es2()
            .confirmOrder(
                new ConfirmOrderRequest(
                    HEADER,
                    Iccid.withCheckDigit("894900000000000299"),
                    null,
                    null,
                    null,
                    null,
                    true))
            .header(),
        StatusCodes.PROFILE_ICCID_UNKNOWN);
    assertFailed(
        f.smdp
            .es2()
            .confirmOrder(
                new ConfirmOrderRequest(
                    HEADER, A, Eid.of(SmdpFixture.PKI.eid().value()), null, null, null, true))
            .header(),
        StatusCodes.EID_DIFFERENT_ASSOCIATED);
    assertThat(
            f.smdp
                .es2()
                .confirmOrder(
                    new ConfirmOrderRequest(
                        HEADER, A, null, MatchingId.of("SAME"), null, null, true))
                .header()
                .executed())
        .isTrue();
    assertFailed(
        f.smdp
            .es2()
            .confirmOrder(
                new ConfirmOrderRequest(HEADER, B, null, MatchingId.of("SAME"), null, null, true))
            .header(),
        StatusCodes.MATCHING_ID_CONFLICT);
    assertFailed(
        f.smdp
            .es2()
            .confirmOrder(new ConfirmOrderRequest(HEADER, A, null, null, null, null, true))
            .header(),
        StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
  }

  @Test
  void refusesAnotherMatchingIdThanTheOneTheOrderHolds() {
    SmdpFixture f =
        new SmdpFixture()
            .start(
                SmdpFixture.available("894900000000000203", "gold")
                    .state(ProfileState.ALLOCATED)
                    .matchingId(MatchingId.of("INV-1"))
                    .build());
    assertFailed(
        f.smdp
            .es2()
            .confirmOrder(
                new ConfirmOrderRequest(
                    HEADER,
                    Iccid.withCheckDigit("894900000000000203"),
                    null,
                    MatchingId.of("OTHER"),
                    null,
                    null,
                    true))
            .header(),
        StatusCodes.MATCHING_ID_DIFFERENT_ASSOCIATED);
  }
}
