package org.rspharness.smdp.es2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rspharness.smdp.es2.Es2Support.HEADER;
import static org.rspharness.smdp.es2.Es2Support.assertFailed;

import org.junit.jupiter.api.Test;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.DownloadOrderResponse;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.order.ProfileState;

class DownloadOrderTest {

  static final Eid EID = Eid.withCheckDigits("890490321234512345123456789099");

  private SmdpFixture start() {
    return new SmdpFixture()
        .start(
            SmdpFixture.available("894900000000000101", "gold").build(),
            SmdpFixture.available("894900000000000102", "gold").build(),
            SmdpFixture.available("894900000000000103", "silver").build());
  }

  private static Iccid iccid(String d) {
    return Iccid.withCheckDigit(d);
  }

  @Test
  void reservesByIccidAllocatedWithoutEidLinkedWithEid() {
    SmdpFixture f = start();
    DownloadOrderResponse a =
        f.smdp
            .es2()
            .downloadOrder(
                new DownloadOrderRequest(HEADER, null, iccid("894900000000000101"), null));
    assertThat(a.header().executed()).isTrue();
    assertThat(a.iccid()).isEqualTo(iccid("894900000000000101"));
    assertThat(f.smdp.orders().find(a.iccid()).get().state()).isEqualTo(ProfileState.ALLOCATED);
    DownloadOrderResponse l =
        f.smdp
            .es2()
            .downloadOrder(
                new DownloadOrderRequest(HEADER, EID, iccid("894900000000000103"), null));
    assertThat(f.smdp.orders().find(l.iccid()).get().state()).isEqualTo(ProfileState.LINKED);
    assertThat(f.smdp.orders().find(l.iccid()).get().eid()).isEqualTo(EID);
    assertThat(f.sink.payloads(EventPayload.StateTransition.class))
        .anyMatch(
            t ->
                t.from().equals("Available")
                    && t.to().equals("Linked")
                    && t.cause().equals("downloadOrder"));
  }

  @Test
  void picksAvailableProfilesOfATypeUntilExhausted() {
    SmdpFixture f = start();
    DownloadOrderResponse one =
        f.smdp.es2().downloadOrder(new DownloadOrderRequest(HEADER, null, null, "gold"));
    DownloadOrderResponse two =
        f.smdp.es2().downloadOrder(new DownloadOrderRequest(HEADER, null, null, "gold"));
    assertThat(one.iccid()).isEqualTo(iccid("894900000000000101"));
    assertThat(two.iccid()).isEqualTo(iccid("894900000000000102"));
    assertFailed(
        f.smdp.es2().downloadOrder(new DownloadOrderRequest(HEADER, null, null, "gold")).header(),
        StatusCodes.PROFILE_TYPE_EXHAUSTED);
  }

  @Test
  void refusesUnknownIccidUnknownTypeMismatchAndUnavailableProfile() {
    SmdpFixture f = start();
    assertFailed(
        f.smdp
            .es2()
            .downloadOrder(
                new DownloadOrderRequest(HEADER, null, iccid("894900000000000999"), null))
            .header(),
        StatusCodes.PROFILE_ICCID_UNKNOWN);
    assertFailed(
        f.smdp
            .es2()
            .downloadOrder(new DownloadOrderRequest(HEADER, null, null, "platinum"))
            .header(),
        StatusCodes.PROFILE_TYPE_UNKNOWN);
    assertFailed(
        f.smdp
            .es2()
            .downloadOrder(
                new DownloadOrderRequest(HEADER, null, iccid("894900000000000101"), "silver"))
            .header(),
        StatusCodes.PROFILE_TYPE_MISMATCH);
    f.smdp
        .es2()
        .downloadOrder(new DownloadOrderRequest(HEADER, null, iccid("894900000000000101"), null));
    assertFailed(
        f.smdp
            .es2()
            .downloadOrder(
                new DownloadOrderRequest(HEADER, null, iccid("894900000000000101"), null))
            .header(),
        StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    assertFailed(
        f.smdp.es2().downloadOrder(new DownloadOrderRequest(HEADER, null, null, null)).header(),
        SmdpCodes.MISSING_MEMBER);
  }
}
