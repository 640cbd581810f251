package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rspharness.smdp.es9.InitiateAuthenticationTest.assertFailed;

import org.junit.jupiter.api.Test;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.order.ProfileState;

class CancelSessionTest {

  private static final String MID = "MID-4";
  private static final Iccid ICCID = Iccid.withCheckDigit("894900000000000031");

  private SmdpFixture f;
  private AuthenticateClientResponseEs9 ac;

  private void authenticated(boolean reusable) {
    f =
        new SmdpFixture()
            .start(SmdpFixture.released("894900000000000031", MID).reusable(reusable).build());
    f.euicc.matchingId = MID;
    ac = f.authenticate(f.initiate());
  }

  private CancelSessionResponseEs9 cancel(byte[] txId, String oid, int reason) {
    return cancel(ac.transactionId(), txId, oid, reason);
  }

  /** cancelSession for session {@code outer}, the eUICC having signed {@code txId}. */
  private CancelSessionResponseEs9 cancel(
      TransactionId outer, byte[] txId, String oid, int reason) {
    return f.smdp
        .es9()
        .cancelSession(
            new CancelSessionRequestEs9(outer, f.euicc.cancelSession(txId, oid, reason)));
  }

  private ProfileState state() {
    return f.smdp.orders().find(ICCID).orElseThrow().state();
  }

  @Test
  void postponedKeepsTheProfileDownloadable() {
    authenticated(false);
    CancelSessionResponseEs9 r = cancel(ac.transactionId().bytes(), f.smdpOid(), 1);
    assertThat(r.header().executed()).isTrue();
    assertThat(state()).isEqualTo(ProfileState.RELEASED);
    assertThat(f.smdp.sessions().find(ac.transactionId())).isEmpty();
    assertThat(f.operator.points()).endsWith(NotificationPoint.BPP_DOWNLOAD);
    assertThat(f.authenticate(f.initiate()).header().executed()).isTrue();
  }

  @Test
  void timeoutAfterTheDownloadReturnsTheOrderToReleased() {
    authenticated(false);
    assertThat(f.getBpp(ac, null).header().executed()).isTrue();
    assertThat(cancel(ac.transactionId().bytes(), f.smdpOid(), 2).header().executed()).isTrue();
    assertThat(state()).isEqualTo(ProfileState.RELEASED);
    assertThat(f.operator.points()).endsWith(NotificationPoint.BPP_INSTALLATION);
  }

  @Test
  void endUserRejectionEndsTheOrderInError() {
    authenticated(false);
    assertThat(cancel(ac.transactionId().bytes(), f.smdpOid(), 0).header().executed()).isTrue();
    assertThat(state()).isEqualTo(ProfileState.ERROR);
  }

  @Test
  void finalReasonOnAReusableProfileMakesItDownloadableAgain() {
    authenticated(true);
    assertThat(cancel(ac.transactionId().bytes(), f.smdpOid(), 5).header().executed()).isTrue();
    assertThat(state()).isEqualTo(ProfileState.RELEASED);
  }

  @Test
  void refusesAnotherSmdpOid() {
    authenticated(false);
    assertFailed(
        cancel(ac.transactionId().bytes(), "2.999.11", 0).header(), StatusCodes.SMDP_OID_INVALID);
    assertThat(f.smdp.sessions().find(ac.transactionId())).isPresent();
  }

  @Test
  void refusesABadSignature() {
    authenticated(false);
    f.euicc.corruptSignatures = true;
    assertFailed(
        cancel(ac.transactionId().bytes(), f.smdpOid(), 0).header(),
        StatusCodes.EUICC_SIGNATURE_INVALID);
  }

  @Test
  void refusesAnotherTransactionIdInsideOrInTheRequest() {
    authenticated(false);
    assertFailed(
        cancel(new byte[] {5, 5}, f.smdpOid(), 0).header(), StatusCodes.TRANSACTION_ID_UNKNOWN);
    CancelSessionResponseEs9 unknown =
        cancel(TransactionId.of(new byte[] {1}), ac.transactionId().bytes(), f.smdpOid(), 0);
    assertFailed(unknown.header(), StatusCodes.TRANSACTION_ID_UNKNOWN);
  }

  @Test
  void theSessionIsGoneAfterCancellation() {
    authenticated(false);
    cancel(ac.transactionId().bytes(), f.smdpOid(), 1);
    assertFailed(f.getBpp(ac, null).header(), StatusCodes.TRANSACTION_ID_UNKNOWN);
    assertFailed(
        cancel(ac.transactionId().bytes(), f.smdpOid(), 1).header(),
        StatusCodes.TRANSACTION_ID_UNKNOWN);
  }

  @Test
  void refusesACancellationBeforeTheEuiccIsAuthenticated() {
    authenticated(false);
    var ia = f.initiate();
    CancelSessionResponseEs9 r =
        cancel(ia.transactionId(), ia.transactionId().bytes(), f.smdpOid(), 2);
    assertFailed(r.header(), StatusCodes.EUICC_SIGNATURE_INVALID);
  }

  /**
   * SGP.22 5.6.5: ES9+.CancelSession is for an ongoing RSP session, verified with the PK.EUICC.SIG
   * attached to it. A refused ES9+.AuthenticateClient attached none, so the SM-DP+ ends the session
   * there: a later cancelSession for it is an unknown transactionId (8.10.1/3.9), not a misleading
   * "eUICC signature invalid" (8.1/6.1), and the order stays as it was.
   */
  @Test
  void aRefusedAuthenticateClientEndsTheSessionSoACancellationIsUnknown() {
    f =
        new SmdpFixture()
            .start(SmdpFixture.released("894900000000000031", MID).reusable(false).build());
    f.euicc.matchingId = "NO-SUCH-MATCHING-ID";
    var ia = f.initiate();
    assertFailed(f.authenticate(ia).header(), StatusCodes.MATCHING_ID_REFUSED);
    assertThat(f.smdp.sessions().find(ia.transactionId())).isEmpty();

    CancelSessionResponseEs9 r =
        cancel(ia.transactionId(), ia.transactionId().bytes(), f.smdpOid(), 1);
    assertFailed(r.header(), StatusCodes.TRANSACTION_ID_UNKNOWN);
    assertThat(state()).isEqualTo(ProfileState.RELEASED);
  }
}
