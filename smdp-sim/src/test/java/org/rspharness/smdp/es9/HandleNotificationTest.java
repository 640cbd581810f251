package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;

class HandleNotificationTest {

  private static final String MID = "MID-3";
  private static final Iccid ICCID = Iccid.withCheckDigit("894900000000000021");

  private SmdpFixture f;
  private AuthenticateClientResponseEs9 ac;

  private void downloaded(Quirks quirks, Order.Builder order) {
    f = new SmdpFixture().start(quirks, order.build());
    f.euicc.matchingId = MID;
    ac = f.authenticate(f.initiate());
    assertThat(f.getBpp(ac, null).header().executed()).isTrue();
  }

  private Order.Builder order() {
    return SmdpFixture.released("894900000000000021", MID);
  }

  private String dpPbOid() {
    return CertFacts.registeredIds(SmdpFixture.PKI.credential(Role.DP_PB, f.curve).certificate())
        .get(0);
  }

  private Order order(SmdpFixture f) {
    return f.smdp.orders().find(ICCID).orElseThrow();
  }

  @Test
  void successfulInstallationMovesTheOrderToInstalledAndEndsTheSession() {
    downloaded(Quirks.none(), order());
    byte[] pir =
        f.euicc.profileInstallationResult(
            ac.transactionId().bytes(), ICCID, dpPbOid(), true, SmdpFixture.HOST);
    NotificationOutcome out = f.smdp.es9().handleNotification(new HandleNotification(pir));

    assertThat(out.accepted()).as(out.detail()).isTrue();
    assertThat(order(f).state()).isEqualTo(ProfileState.INSTALLED);
    assertThat(f.smdp.sessions().find(ac.transactionId())).isEmpty();
    var last = f.operator.received().get(f.operator.received().size() - 1);
    assertThat(last.point()).isEqualTo(NotificationPoint.BPP_INSTALLATION);
    assertThat(last.status().status().executed()).isTrue();
    assertThat(last.resultData()).isEqualTo(Tlv.parse(pir).get(0xBF27).encoded());
  }

  @Test
  void failedInstallationMovesTheOrderToError() {
    downloaded(Quirks.none(), order());
    byte[] pir =
        f.euicc.profileInstallationResult(
            ac.transactionId().bytes(), ICCID, dpPbOid(), false, SmdpFixture.HOST);
    assertThat(f.smdp.es9().handleNotification(new HandleNotification(pir)).accepted()).isTrue();
    assertThat(order(f).state()).isEqualTo(ProfileState.ERROR);
    var last = f.operator.received().get(f.operator.received().size() - 1);
    assertThat(last.status().status().executed()).isFalse();
  }

  @Test
  void reusableProfileIsDownloadableAgainAfterInstallation() {
    downloaded(Quirks.none(), order().reusable(true));
    byte[] pir =
        f.euicc.profileInstallationResult(
            ac.transactionId().bytes(), ICCID, dpPbOid(), true, SmdpFixture.HOST);
    f.smdp.es9().handleNotification(new HandleNotification(pir));
    assertThat(order(f).state()).isEqualTo(ProfileState.RELEASED);
    AuthenticateClientResponseEs9 again = f.authenticate(f.initiate());
    assertThat(f.getBpp(again, null).header().executed()).isTrue();
    assertThat(f.binds).isEqualTo(2);
  }

  @Test
  void refusesABadPirSignatureAndKeepsTheOrder() {
    downloaded(Quirks.none(), order());
    f.euicc.corruptSignatures = true;
    byte[] pir =
        f.euicc.profileInstallationResult(
            ac.transactionId().bytes(), ICCID, dpPbOid(), true, SmdpFixture.HOST);
    NotificationOutcome out = f.smdp.es9().handleNotification(new HandleNotification(pir));
    assertThat(out.accepted()).isFalse();
    assertThat(out.code()).isEqualTo(StatusCodes.EUICC_SIGNATURE_INVALID);
    assertThat(order(f).state()).isEqualTo(ProfileState.DOWNLOADED);
  }

  @Test
  void refusesAPirOfAnUnknownSessionOrWithAnotherSmdpOid() {
    downloaded(Quirks.none(), order());
    byte[] unknown =
        f.euicc.profileInstallationResult(
            new byte[] {1, 1}, ICCID, dpPbOid(), true, SmdpFixture.HOST);
    assertThat(f.smdp.es9().handleNotification(new HandleNotification(unknown)).code())
        .isEqualTo(StatusCodes.TRANSACTION_ID_UNKNOWN);
    byte[] otherOid =
        f.euicc.profileInstallationResult(
            ac.transactionId().bytes(), ICCID, "2.999.77", true, SmdpFixture.HOST);
    assertThat(f.smdp.es9().handleNotification(new HandleNotification(otherOid)).code())
        .isEqualTo(StatusCodes.SMDP_OID_INVALID);
    assertThat(
            f.smdp.es9().handleNotification(new HandleNotification(new byte[] {0x30, 0x01})).code())
        .isEqualTo(SmdpCodes.MALFORMED_REQUEST);
  }

  @Test
  void otherSignedNotificationIsVerifiedAndReportedToTheOperator() {
    downloaded(Quirks.none(), order());
    byte[] delete = f.euicc.otherNotification(3, ICCID, SmdpFixture.HOST);
    NotificationOutcome out = f.smdp.es9().handleNotification(new HandleNotification(delete));
    assertThat(out.accepted()).as(out.detail()).isTrue();
    assertThat(f.operator.points()).endsWith(NotificationPoint.PROFILE_DELETED);
    f.euicc.corruptSignatures = true;
    byte[] bad = f.euicc.otherNotification(1, ICCID, SmdpFixture.HOST);
    assertThat(f.smdp.es9().handleNotification(new HandleNotification(bad)).code())
        .isEqualTo(StatusCodes.EUICC_SIGNATURE_INVALID);
  }

  @Test
  void endpointAnswers204WithoutBodyOr200WithTheQuirk() {
    downloaded(Quirks.none(), order());
    byte[] pir =
        f.euicc.profileInstallationResult(
            ac.transactionId().bytes(), ICCID, dpPbOid(), true, SmdpFixture.HOST);
    RspHttpResponse r =
        f.smdp
            .es9Endpoint()
            .handle(
                SmdpFixture.post(
                    "/gsma/rsp2/es9plus/handleNotification",
                    SmdpFixture.json(new HandleNotification(pir))));
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();

    downloaded(Quirks.of(Quirk.NOTIFICATION_200_INSTEAD_OF_204), order());
    RspHttpResponse q =
        f.smdp
            .es9Endpoint()
            .handle(
                SmdpFixture.post(
                    "/gsma/rsp2/es9plus/handleNotification",
                    SmdpFixture.json(new HandleNotification(pir))));
    assertThat(q.status()).isEqualTo(200);
    assertThat(new String(q.body()))
        .isEqualTo("{\"header\":{\"functionExecutionStatus\":{\"status\":\"Executed-Success\"}}}");
  }
}
