package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rspharness.smdp.es9.InitiateAuthenticationTest.assertFailed;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;

class GetBoundProfilePackageTest {

  private static final String MID = "MID-2";
  private static final Iccid ICCID = Iccid.withCheckDigit("894900000000000011");

  private static SmdpFixture start(Quirks quirks, Order.Builder order) {
    SmdpFixture f = new SmdpFixture().start(quirks, order.build());
    f.euicc.matchingId = MID;
    return f;
  }

  private static Order.Builder order() {
    return SmdpFixture.released("894900000000000011", MID);
  }

  private static Order orderOf(SmdpFixture f) {
    return f.smdp.orders().find(ICCID).orElseThrow();
  }

  @Test
  void bindsTheProfileAndMovesTheOrderToDownloaded() {
    SmdpFixture f = start(Quirks.none(), order());
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    GetBoundProfilePackageResponse r = f.getBpp(ac, null);

    assertThat(r.header().executed()).isTrue();
    assertThat(r.transactionId()).isEqualTo(ac.transactionId());
    Tlv bpp = Tlv.parse(r.boundProfilePackage());
    assertThat(bpp.tag()).isEqualTo(0xBF36);
    assertThat(bpp.get(0x80).value()).isEqualTo(ac.transactionId().bytes());
    assertThat(bpp.get(0x5F49).value()).isEqualTo(f.euicc.lastOtPk());
    assertThat(bpp.get(0x82).value()).isEqualTo(ac.profileMetadata());
    assertThat(orderOf(f).state()).isEqualTo(ProfileState.DOWNLOADED);
    assertThat(orderOf(f).downloadAttemptsLeft()).isEqualTo(4);
    assertThat(f.operator.points())
        .containsExactly(
            NotificationPoint.ELIGIBILITY_AND_RETRY_CHECK, NotificationPoint.BPP_DOWNLOAD);
    assertThat(f.sink.payloads(EventPayload.StateTransition.class))
        .anyMatch(
            t ->
                t.entity().equals("order")
                    && t.from().equals("Released")
                    && t.to().equals("Downloaded"));
  }

  @Test
  void euiccSignature2CoversEuiccSigned2ThenSmdpSignature2NotTheReverse() {
    SmdpFixture f = start(Quirks.none(), order());
    f.euicc.reverseSignature2Order = true;
    assertFailed(
        f.getBpp(f.authenticate(f.initiate()), null).header(), StatusCodes.EUICC_SIGNATURE_INVALID);
  }

  @Test
  void refusesABadEuiccSignature2() {
    SmdpFixture f = start(Quirks.none(), order());
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    f.euicc.corruptSignatures = true;
    assertFailed(f.getBpp(ac, null).header(), StatusCodes.EUICC_SIGNATURE_INVALID);
    assertThat(orderOf(f).state()).isEqualTo(ProfileState.RELEASED);
  }

  @Test
  void sameOtPkGetsTheSameBoundPackageAnotherOtPkANewBinding() {
    SmdpFixture f = start(Quirks.none(), order());
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    byte[] first = f.getBpp(ac, null).boundProfilePackage();
    f.euicc.reuseOtKey = true;
    byte[] again = f.getBpp(ac, null).boundProfilePackage();
    assertThat(again).isEqualTo(first);
    assertThat(f.binds).isEqualTo(1);

    // a new session: smdpSigned2 asks the eUICC to reuse the otPK it was bound to
    AuthenticateClientResponseEs9 retry = f.authenticate(f.initiate());
    assertThat(Tlv.parse(retry.smdpSigned2()).get(0x5F49).value()).isEqualTo(f.euicc.lastOtPk());
    f.euicc.reuseOtKey = false;
    GetBoundProfilePackageResponse fresh = f.getBpp(retry, null);
    assertThat(fresh.header().executed()).isTrue();
    assertThat(Tlv.parse(fresh.boundProfilePackage()).get(0x80).value())
        .isEqualTo(retry.transactionId().bytes());
    assertThat(Tlv.parse(fresh.boundProfilePackage()).get(0x5F49).value())
        .isNotEqualTo(Tlv.parse(first).get(0x5F49).value());
    assertThat(f.binds).isEqualTo(2);
  }

  @Test
  void aRetryInANewSessionWithTheSameOtPkIsReboundForThatSession() {
    SmdpFixture f = start(Quirks.none(), order());
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    Tlv first = Tlv.parse(f.getBpp(ac, null).boundProfilePackage());

    f.euicc.reuseOtKey = true;
    AuthenticateClientResponseEs9 retry = f.authenticate(f.initiate());
    GetBoundProfilePackageResponse r = f.getBpp(retry, null);

    assertThat(r.header().executed()).isTrue();
    Tlv again = Tlv.parse(r.boundProfilePackage());
    // SGP.22 section 3.1.3.3: the same one-time keys, an InitialiseSecureChannel for the new
    // session
    assertThat(again.get(0x80).value()).isEqualTo(retry.transactionId().bytes());
    assertThat(again.get(0x80).value()).isNotEqualTo(first.get(0x80).value());
    assertThat(again.get(0x5F49).value()).isEqualTo(first.get(0x5F49).value());
    assertThat(orderOf(f).downloadAttemptsLeft()).isEqualTo(3);
  }

  @Test
  void checksTheConfirmationCode() {
    SmdpFixture f = start(Quirks.none(), order().confirmationCode("1234").maxCcAttempts(2));
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    assertThat(Tlv.parse(ac.smdpSigned2()).get(0x01).value()).containsExactly(0xFF);
    assertFailed(f.getBpp(ac, null).header(), StatusCodes.CONFIRMATION_CODE_MISSING);
    assertThat(f.getBpp(ac, "1234").header().executed()).isTrue();
  }

  @Test
  void wrongConfirmationCodesUseUpTheAttemptsAndEndTheOrder() {
    SmdpFixture f = start(Quirks.none(), order().confirmationCode("1234").maxCcAttempts(2));
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    assertFailed(f.getBpp(ac, "9999").header(), StatusCodes.CONFIRMATION_CODE_REFUSED);
    assertFailed(f.getBpp(ac, "9999").header(), StatusCodes.CONFIRMATION_CODE_RETRIES_EXCEEDED);
    assertThat(orderOf(f).state()).isEqualTo(ProfileState.ERROR);
    assertThat(f.operator.points())
        .containsExactly(
            NotificationPoint.ELIGIBILITY_AND_RETRY_CHECK,
            NotificationPoint.CONFIRMATION_FAILURE,
            NotificationPoint.CONFIRMATION_FAILURE);
    assertFailed(f.getBpp(ac, "1234").header(), StatusCodes.MATCHING_ID_REFUSED);
  }

  @Test
  void exhaustedConfirmationAttemptsAreRefusedAtAuthentication() {
    SmdpFixture f =
        start(Quirks.none(), order().confirmationCode("1234").maxCcAttempts(2).reusable(false));
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    f.getBpp(ac, "0000");
    // the first failure leaves one attempt: a fresh session may still try
    AuthenticateClientResponseEs9 ac2 = f.authenticate(f.initiate());
    assertThat(ac2.header().executed()).isTrue();
    assertThat(orderOf(f).ccAttemptsLeft()).isEqualTo(1);
  }

  @Test
  void hexDecodedConfirmationCodeQuirk() {
    SmdpFixture f =
        start(Quirks.of(Quirk.CONFIRMATION_CODE_HEX_DECODED), order().confirmationCode("1234"));
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    assertFailed(f.getBpp(ac, "1234").header(), StatusCodes.CONFIRMATION_CODE_REFUSED);
    f.euicc.hexDecodedCc = true;
    assertThat(f.getBpp(ac, "1234").header().executed()).isTrue();
  }

  @Test
  void refusesAnOrderThatExpiredDuringTheSession() {
    SmdpFixture f = start(Quirks.none(), order().expiry(SmdpFixture.NOW.plusSeconds(30)));
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    f.clock.advance(Duration.ofSeconds(31));
    assertFailed(f.getBpp(ac, null).header(), StatusCodes.DOWNLOAD_ORDER_EXPIRED);
  }

  @Test
  void refusesWhenAnotherSessionUsedTheLastDownloadAttempt() {
    SmdpFixture f = start(Quirks.none(), order().maxDownloadAttempts(1));
    AuthenticateClientResponseEs9 a = f.authenticate(f.initiate());
    byte[] pdrA = f.euicc.prepareDownload(a, f.lastAsr, null);
    // the eUICC's next session (the card keeps one): authenticated before a's package is fetched
    AuthenticateClientResponseEs9 b = f.authenticate(f.initiate());
    assertThat(
            f.smdp
                .es9()
                .getBoundProfilePackage(new GetBoundProfilePackageRequest(a.transactionId(), pdrA))
                .header()
                .executed())
        .isTrue();
    f.euicc.reuseOtKey = true;
    assertFailed(f.getBpp(b, null).header(), StatusCodes.DOWNLOAD_ORDER_RETRIES_EXCEEDED);
  }

  @Test
  void refusesUnknownAndUnauthenticatedSessions() {
    SmdpFixture f = start(Quirks.none(), order());
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    byte[] pdr = f.euicc.prepareDownload(ac, f.lastAsr, null);
    assertFailed(
        f.smdp
            .es9()
            .getBoundProfilePackage(
                new GetBoundProfilePackageRequest(TransactionId.of(new byte[] {7}), pdr))
            .header(),
        StatusCodes.TRANSACTION_ID_UNKNOWN);
    var ia = f.initiate();
    assertFailed(
        f.smdp
            .es9()
            .getBoundProfilePackage(new GetBoundProfilePackageRequest(ia.transactionId(), pdr))
            .header(),
        StatusCodes.TRANSACTION_ID_UNKNOWN);
  }
}
