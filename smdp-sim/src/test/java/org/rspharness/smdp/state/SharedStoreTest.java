package org.rspharness.smdp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es2.CancelOrderRequest;
import org.rspharness.core.es2.CancelOrderResponse;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.ConfirmOrderResponse;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.DownloadOrderResponse;
import org.rspharness.core.es2.FinalProfileStatusIndicator;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.ProfileState;

/**
 * Two SM-DP+ instances on one PostgreSQL database serve as one (several instances behind one
 * address): an order, its attempts and a session made on one are used on the other, and a write
 * from an out-of-date record is refused instead of overwriting.
 */
class SharedStoreTest {

  private static final String ICCID = "894900000000000801";
  private static final RequestHeader H = new RequestHeader("op", "1");

  private TestPostgres db;
  private SmdpFixture a;
  private SmdpFixture b;

  @BeforeEach
  void twoInstances() throws SQLException {
    db = TestPostgres.create();
  }

  @AfterEach
  void close() throws SQLException {
    for (SmdpFixture f : new SmdpFixture[] {a, b}) {
      if (f != null && f.smdp != null) {
        f.smdp.close();
      }
    }
    if (db != null) { // null when the test was skipped for want of a PostgreSQL server
      db.drop();
    }
  }

  /** Both instances with the same inventory, on the database; B's transactionIds differ. */
  private void start(Order.Builder order) {
    a = instance(order.build());
    b = instance(order.build());
    b.random.bytes(64);
  }

  private SmdpFixture instance(Order order) {
    SmdpFixture f = new SmdpFixture();
    f.overHttp = true;
    f.state = JdbcStateStore.open(db.url(), null, null);
    return f.start(order);
  }

  private static Iccid iccid() {
    return Iccid.withCheckDigit(ICCID);
  }

  @Test
  void anOrderConfirmedOnADownloadsThroughBAndTheSessionContinuesOnA() {
    start(SmdpFixture.available(ICCID, "gold"));
    assertThat(
            a.es2(
                    "downloadOrder",
                    new DownloadOrderRequest(H, null, iccid(), null),
                    DownloadOrderResponse.class)
                .header()
                .executed())
        .isTrue();
    assertThat(
            a.es2(
                    "confirmOrder",
                    new ConfirmOrderRequest(
                        H, iccid(), null, MatchingId.of("SHARED-1"), null, null, true),
                    ConfirmOrderResponse.class)
                .header()
                .executed())
        .isTrue();

    // the LPA reaches B: it knows the matchingId A confirmed
    b.euicc.matchingId = "SHARED-1";
    AuthenticateClientResponseEs9 ac = b.authenticate(b.initiate());
    assertThat(ac.header().executed()).as(ac.header().toString()).isTrue();

    // its next request reaches A, which continues B's session
    byte[] pdr = b.euicc.prepareDownload(ac, b.lastAsr, null);
    GetBoundProfilePackageResponse bpp =
        a.es9(
            "getBoundProfilePackage",
            new GetBoundProfilePackageRequest(ac.transactionId(), pdr),
            GetBoundProfilePackageResponse.class);
    assertThat(bpp.header().executed()).as(bpp.header().toString()).isTrue();

    // and the installation result reaches B
    byte[] pir =
        b.euicc.profileInstallationResult(
            ac.transactionId().bytes(),
            iccid(),
            CertFacts.registeredIds(SmdpFixture.PKI.credential(Role.DP_PB, b.curve).certificate())
                .get(0),
            true,
            SmdpFixture.HOST);
    b.smdp
        .es9Endpoint()
        .handle(
            SmdpFixture.post(
                "/gsma/rsp2/es9plus/handleNotification",
                SmdpFixture.json(new HandleNotification(pir))));
    assertThat(b.smdp.orders().find(iccid()).orElseThrow().state())
        .isEqualTo(ProfileState.INSTALLED);
    assertThat(a.smdp.orders().find(iccid()).orElseThrow().state())
        .as("A reads what B committed")
        .isEqualTo(ProfileState.INSTALLED);
  }

  @Test
  void aCancelOrderOnBStopsTheDownloadStartedOnA() {
    start(SmdpFixture.released(ICCID, "SHARED-2"));
    a.euicc.matchingId = "SHARED-2";
    AuthenticateClientResponseEs9 ac = a.authenticate(a.initiate());
    assertThat(ac.header().executed()).isTrue();

    CancelOrderResponse cancel =
        b.es2(
            "cancelOrder",
            new CancelOrderRequest(
                H,
                iccid(),
                Eid.of(SmdpFixture.PKI.eid().value()), // SGP.22 5.3.3: linked at authentication
                MatchingId.of("SHARED-2"),
                FinalProfileStatusIndicator.AVAILABLE),
            CancelOrderResponse.class);
    assertThat(cancel.header().executed()).as(cancel.header().toString()).isTrue();

    GetBoundProfilePackageResponse bpp = a.getBpp(ac, null);
    assertThat(bpp.header().executed()).as("A's next request sees the cancellation").isFalse();
    assertThat(a.smdp.orders().find(iccid()).orElseThrow().state())
        .isEqualTo(ProfileState.AVAILABLE);
  }

  @Test
  void downloadAttemptsAreCountedOnceAcrossInstances() {
    start(SmdpFixture.released(ICCID, "SHARED-3").maxDownloadAttempts(3));
    a.euicc.matchingId = "SHARED-3";
    b.euicc.matchingId = "SHARED-3";
    // SGP.22 5.6.2: each bound profile package handed out is one download attempt
    for (SmdpFixture f : new SmdpFixture[] {a, b, a}) {
      AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
      assertThat(ac.header().executed()).as(ac.header().toString()).isTrue();
      GetBoundProfilePackageResponse bpp = f.getBpp(ac, null);
      assertThat(bpp.header().executed()).as(bpp.header().toString()).isTrue();
    }
    AuthenticateClientResponseEs9 fourth = b.authenticate(b.initiate());
    assertThat(fourth.header().executed()).as("3 attempts, used on two instances").isFalse();
    assertThat(a.smdp.orders().find(iccid()).orElseThrow().downloadAttemptsLeft()).isZero();
    assertThat(b.smdp.orders().find(iccid()).orElseThrow().downloadAttemptsLeft()).isZero();
  }

  @Test
  void aWriteFromAnOutOfDateRecordIsRefused() {
    try (JdbcStateStore one = JdbcStateStore.open(db.url(), null, null);
        JdbcStateStore two = JdbcStateStore.open(db.url(), null, null)) {
      StoreRecord v1 = new StoreRecord(StoreRecord.Kind.ORDER, ICCID, new byte[] {1});
      one.write(List.of(v1), true).join();
      StateStore.Row row = two.read(StoreRecord.Kind.ORDER, ICCID).orElseThrow();
      assertThat(two.seen(StoreRecord.Kind.ORDER, ICCID, row.version())).isTrue();

      one.write(List.of(new StoreRecord(StoreRecord.Kind.ORDER, ICCID, new byte[] {2})), true)
          .join();
      assertThatThrownBy(
              () ->
                  two.write(
                          List.of(new StoreRecord(StoreRecord.Kind.ORDER, ICCID, new byte[] {3})),
                          true)
                      .join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(StoreConflict.class);
      assertThat(two.read(StoreRecord.Kind.ORDER, ICCID).orElseThrow().value()).containsExactly(2);

      // having read the new version, the same instance writes again
      StateStore.Row now = two.read(StoreRecord.Kind.ORDER, ICCID).orElseThrow();
      two.seen(StoreRecord.Kind.ORDER, ICCID, now.version());
      two.write(List.of(new StoreRecord(StoreRecord.Kind.ORDER, ICCID, new byte[] {4})), true)
          .join();
      assertThat(one.read(StoreRecord.Kind.ORDER, ICCID).orElseThrow().value()).containsExactly(4);
    }
  }
}
