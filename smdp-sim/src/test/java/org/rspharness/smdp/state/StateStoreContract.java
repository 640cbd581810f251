package org.rspharness.smdp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.ConfirmOrderResponse;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.DownloadOrderResponse;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.ProfileState;

/**
 * What every state store must keep across a restart: orders acknowledged over ES2+, their history
 * and attempt counters, live sessions (a download continues with the same transactionId) and
 * callbacks the operator has not acknowledged. Each engine runs it with its own store.
 */
abstract class StateStoreContract {

  static final String ICCID = "894900000000000501";

  /** A fresh store on the same database each time (the restart). */
  abstract StateStore open();

  private SmdpFixture current;

  @AfterEach
  void closeLast() {
    if (current != null && current.smdp != null) {
      current.smdp.close();
      current = null;
    }
  }

  private static Order available() {
    return SmdpFixture.available(ICCID, "gold").build();
  }

  /** The simulator of {@code f} restarted on a reopened store (fresh orders from inventory). */
  private SmdpFixture restart(SmdpFixture f) {
    f.smdp.close();
    f.state = open();
    f.start(available());
    current = f;
    return f;
  }

  @Test
  void anOrderAcknowledgedOverEs2IsThereAfterARestartWithItsHistory() {
    SmdpFixture f = new SmdpFixture();
    f.overHttp = true;
    f.state = open();
    f.start(available());
    current = f;
    Iccid iccid = Iccid.withCheckDigit(ICCID);
    Eid eid = Eid.of(SmdpFixture.PKI.eid().value());
    RequestHeader h = new RequestHeader("op", "1");
    assertThat(
            f.es2(
                    "downloadOrder",
                    new DownloadOrderRequest(h, eid, iccid, null),
                    DownloadOrderResponse.class)
                .header()
                .executed())
        .isTrue();
    assertThat(
            f.es2(
                    "confirmOrder",
                    new ConfirmOrderRequest(
                        h, iccid, eid, MatchingId.of("DUR-1"), null, null, true),
                    ConfirmOrderResponse.class)
                .header()
                .executed())
        .isTrue();

    restart(f);

    Order o = f.smdp.orders().find(iccid).orElseThrow();
    assertThat(o.state()).isEqualTo(ProfileState.RELEASED);
    assertThat(o.eid()).isEqualTo(eid);
    assertThat(f.smdp.orders().byMatchingId("DUR-1")).containsSame(o);
    assertThat(f.smdp.durableState().orElseThrow().history(iccid))
        .extracting(l -> l.split("\t")[1])
        .containsExactly("Linked", "Released");
  }

  @Test
  void aSessionSurvivesARestartAndItsDownloadContinuesWithTheAttemptCounted() {
    SmdpFixture f = new SmdpFixture();
    f.overHttp = true;
    f.state = open();
    f.start(SmdpFixture.released(ICCID, "DUR-2").build());
    current = f;
    f.euicc.matchingId = "DUR-2";
    InitiateAuthenticationResponse ia = f.initiate();
    AuthenticateClientResponseEs9 ac = f.authenticate(ia);
    assertThat(ac.header().executed()).isTrue();

    // restart between authenticateClient and getBoundProfilePackage
    f.smdp.close();
    f.state = open();
    f.start(SmdpFixture.released(ICCID, "DUR-2").build());
    assertThat(f.smdp.sessions().find(ia.transactionId())).isPresent();
    GetBoundProfilePackageResponse bpp = f.getBpp(ac, null);
    assertThat(bpp.header().executed()).as(String.valueOf(bpp.header())).isTrue();

    f.smdp.close();
    f.state = open();
    f.start(SmdpFixture.released(ICCID, "DUR-2").build());
    Order o = f.smdp.orders().find(Iccid.withCheckDigit(ICCID)).orElseThrow();
    assertThat(o.state()).isEqualTo(ProfileState.DOWNLOADED);
    assertThat(o.downloadAttemptsLeft()).isEqualTo(o.maxDownloadAttempts() - 1);
    // SGP.22 5.6.2: the same request in the same session gets the same package, after a restart
    f.euicc.reuseOtKey = true;
    assertThat(f.getBpp(ac, null).boundProfilePackage()).isEqualTo(bpp.boundProfilePackage());
  }

  @Test
  void callbacksTheOperatorDidNotAcknowledgeAreDeliveredAfterARestart() {
    SmdpFixture f = new SmdpFixture();
    f.overHttp = true;
    f.state = open();
    f.start(SmdpFixture.released(ICCID, "DUR-3").build());
    current = f;
    f.euicc.matchingId = "DUR-3";
    // the operator is down: the callback stays in the outbox
    f.smdp.close();
    f.state = open();
    org.rspharness.smdp.SmdpSimulator down =
        org.rspharness.smdp.SmdpSimulator.builder(SmdpFixture.PKI, SmdpFixture.HOST)
            .orders(List.of(SmdpFixture.released(ICCID, "DUR-3").build()))
            .clock(f.clock)
            .random(f.random)
            .operatorNotifier(
                p -> {
                  throw new IllegalStateException("operator unreachable");
                })
            .state(f.state)
            .build();
    f.smdp = down;
    assertThat(f.authenticate(f.initiate()).header().executed()).isTrue();

    restart(f);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(f.operator.points())
                    .contains(NotificationPoint.ELIGIBILITY_AND_RETRY_CHECK));
  }
}
