package org.rspharness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.smdp.order.ProfileState;

/** Small load runs end to end over loopback TLS against the embedded SM-DP+. */
class LoadRunnerTest {

  @Test
  void twentyDevicesFourAtATimeAllDownload() throws Exception {
    RecordingSink all = new RecordingSink();
    EventLog events = EventLog.system().addSink(all);
    List<LoadProgress.Snapshot> snapshots = new ArrayList<>();
    LoadRunner.Result r;
    try (EmbeddedSmdp smdp =
        EmbeddedSmdp.start(org.rspharness.core.crypto.Curve.NIST_P256, 7, -1, events)) {
      r =
          new LoadRunner(LoadConfig.count(20, 4, 20).withSeed(7), smdp, events, snapshots::add)
              .run();
      assertThat(smdp.simulator().orders().all())
          .hasSize(20)
          .allSatisfy(o -> assertThat(o.state()).isEqualTo(ProfileState.INSTALLED));
    }
    Kpis k = r.kpis();
    assertThat(r.activations()).isEqualTo(20);
    assertThat(k.downloadAttempts()).isEqualTo(20);
    assertThat(k.downloadSuccesses()).isEqualTo(20);
    assertThat(k.successRate()).isEqualTo(1.0);
    assertThat(k.devices()).isEqualTo(20);
    assertThat(k.activationEnd()).isEqualTo("download");
    assertThat(k.timeToActivate().count()).isEqualTo(20);
    assertThat(k.timeToActivate().p95()).isPositive().isLessThanOrEqualTo(k.timeToActivate().max());
    assertThat(k.httpByFunction().keySet())
        .contains("initiateAuthentication", "authenticateClient", "getBoundProfilePackage");
    assertThat(k.httpByFunction().get("authenticateClient").count()).isEqualTo(20);
    assertThat(k.apduByCommand().get("AuthenticateServer").count()).isEqualTo(20);
    assertThat(k.apduByCommand().get("LoadBoundProfilePackage").count()).isEqualTo(20);
    assertThat(k.tlsHandshake().count()).isGreaterThanOrEqualTo(20);
    assertThat(k.failuresByStatusCode()).isEmpty();
    // the final snapshot counts everything
    assertThat(snapshots).isNotEmpty();
    assertThat(snapshots.get(snapshots.size() - 1).succeeded()).isEqualTo(20);
    // every load step names its device: 20 devices, one activation each
    assertThat(
            all.payloads(EventPayload.StepStarted.class)
                .filter(s -> LoadRunner.SCENARIO.equals(s.scenario()))
                .map(EventPayload.StepStarted::device)
                .distinct())
        .hasSize(20);
  }
}
