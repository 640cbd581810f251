package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.euicc.testkit.EuiccPeer;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.order.ProfileState;

/** Many eUICCs download one reusable lab profile at the same time. */
class ConcurrentDownloadsTest {

  @Test
  void ninetySixParallelDownloadsOfALabProfileAllSucceed() throws Exception {
    Iccid iccid = Iccid.withCheckDigit("894900000000001201");
    SmdpFixture f =
        new SmdpFixture()
            .start(SmdpFixture.released("894900000000001201", "LAB-ALL").reusable(true).build());
    String oid =
        CertFacts.registeredIds(
                SmdpFixture.PKI.credential(Role.DP_PB, Curve.NIST_P256).certificate())
            .get(0);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int seed = t;
      results.add(
          pool.submit(
              () -> {
                EuiccPeer e =
                    SmdpFixture.peer(
                        SmdpFixture.PKI, Curve.NIST_P256, seed, SmdpFixture.CARD_CLOCK);
                e.matchingId = "LAB-ALL";
                int ok = 0;
                for (int i = 0; i < 12; i++) {
                  InitiateAuthenticationResponse ia =
                      f.smdp
                          .es9()
                          .initiateAuthentication(
                              new InitiateAuthenticationRequest(
                                  e.challenge(), e.euiccInfo1(), SmdpAddress.of(SmdpFixture.HOST)));
                  byte[] asr = e.authenticateServer(ia);
                  AuthenticateClientResponseEs9 ac =
                      f.smdp
                          .es9()
                          .authenticateClient(
                              new AuthenticateClientRequest(ia.transactionId(), asr));
                  byte[] pdr = e.prepareDownload(ac, asr, null);
                  GetBoundProfilePackageResponse bpp =
                      f.smdp
                          .es9()
                          .getBoundProfilePackage(
                              new GetBoundProfilePackageRequest(ac.transactionId(), pdr));
                  byte[] pir =
                      e.profileInstallationResult(
                          ac.transactionId().bytes(), iccid, oid, true, SmdpFixture.HOST);
                  boolean accepted =
                      f.smdp.es9().handleNotification(new HandleNotification(pir)).accepted();
                  ok += bpp.header().executed() && accepted ? 1 : 0;
                }
                return ok;
              }));
    }
    int ok = 0;
    for (Future<Integer> r : results) {
      ok += r.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(ok).isEqualTo(96);
    assertThat(f.smdp.sessions().size()).isZero();
    assertThat(f.smdp.orders().find(iccid).get().state()).isEqualTo(ProfileState.RELEASED);
    assertThat(
            f.operator.points().stream()
                .filter(p -> p == NotificationPoint.BPP_INSTALLATION)
                .count())
        .isEqualTo(96);
    assertThat(f.binds).isGreaterThanOrEqualTo(96);
  }
}
