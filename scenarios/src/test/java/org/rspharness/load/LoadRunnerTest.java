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

  /** One generated PKI for every run here (generating one per test costs seconds on 2 cores). */
  private static final org.rspharness.certs.TestPki PKI =
      org.rspharness.certs.TestPki.builder()
          .random(org.rspharness.core.random.RandomSource.seeded(7))
          .smdpHost(EmbeddedSmdp.HOST)
          .curves(java.util.Set.of(org.rspharness.core.crypto.Curve.NIST_P256))
          .build();

  @Test
  void twentyDevicesFourAtATimeAllDownload(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    RecordingSink all = new RecordingSink();
    java.nio.file.Path file = dir.resolve("events.jsonl");
    org.rspharness.core.event.EventsJsonl.Sink writer =
        org.rspharness.core.event.EventsJsonl.writer(java.nio.file.Files.newBufferedWriter(file));
    EventLog events = EventLog.system().addSink(all).addSink(writer);
    List<LoadProgress.Snapshot> snapshots = new ArrayList<>();
    LoadRunner.Result r;
    try (EmbeddedSmdp smdp =
        EmbeddedSmdp.options(org.rspharness.core.crypto.Curve.NIST_P256, 7)
            .pki(PKI)
            .events(events)
            .start()) {
      r =
          new LoadRunner(LoadConfig.count(20, 4, 20).withSeed(7), smdp, events, snapshots::add)
              .run();
      assertThat(smdp.simulator().orders().all())
          .hasSize(20)
          .allSatisfy(o -> assertThat(o.state()).isEqualTo(ProfileState.INSTALLED));
    }
    writer.close();
    Kpis k = r.kpis();
    // computed as the run went, in bounded memory: the same KPIs as the events file gives
    assertThat(k).isEqualTo(Kpis.of(org.rspharness.core.event.EventsJsonl.read(file)));
    assertThat(k).isEqualTo(Kpis.of(all.events()));
    assertThat(r.activations()).isEqualTo(20);
    assertThat(k.downloadAttempts()).isEqualTo(20);
    assertThat(k.downloadSuccesses()).isEqualTo(20);
    assertThat(k.successRate()).isEqualTo(1.0);
    assertThat(k.devices()).isEqualTo(20);
    assertThat(k.activations()).isEqualTo(20);
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
    // with APDU recording on, each ES10 command's event carries its data
    assertThat(all.payloads(EventPayload.Es10Command.class))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.command()).hasSize(c.commandBytes()));
  }

  @Test
  void withoutApduRecordingTheEs10EventsCarryNoData() throws Exception {
    RecordingSink all = new RecordingSink();
    EventLog events = EventLog.system().addSink(all);
    try (EmbeddedSmdp smdp =
        EmbeddedSmdp.options(org.rspharness.core.crypto.Curve.NIST_P256, 7)
            .pki(PKI)
            .events(events)
            .start()) {
      new LoadRunner(
              LoadConfig.count(1, 1, 1).withSeed(7).withRecordApdus(false), smdp, events, s -> {})
          .run();
    }
    assertThat(all.payloads(EventPayload.Es10Command.class))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.command()).isNull())
        .allSatisfy(c -> assertThat(c.response()).isNull())
        .anySatisfy(c -> assertThat(c.commandBytes()).isPositive());
  }

  @Test
  void virtualDevicesInTheAsn1BindingDownloadOverTheAsn1Path() throws Exception {
    RecordingSink all = new RecordingSink();
    EventLog events = EventLog.system().addSink(all);
    LoadRunner.Result r;
    try (EmbeddedSmdp smdp =
        EmbeddedSmdp.options(org.rspharness.core.crypto.Curve.NIST_P256, 9)
            .pki(PKI)
            .events(events)
            .start()) {
      r =
          new LoadRunner(
                  LoadConfig.count(3, 1, 3).withSeed(9).withBinding("asn1"),
                  smdp,
                  events,
                  LoadProgress.quiet())
              .run();
    }
    assertThat(r.kpis().downloadSuccesses()).isEqualTo(3);
    List<String> urls =
        all.events().stream()
            .filter(e -> e.payload() instanceof org.rspharness.core.event.EventPayload.HttpExchange)
            .map(e -> ((org.rspharness.core.event.EventPayload.HttpExchange) e.payload()).url())
            .toList();
    assertThat(urls)
        .anyMatch(u -> u.endsWith("/gsma/rsp2/asn1"))
        .noneMatch(u -> u.contains("/gsma/rsp2/es9plus/"));
  }

  @Test
  void aRefusedAttemptIsRetriedWithANewOrderAndCountsInMttr() throws Exception {
    RecordingSink all = new RecordingSink();
    EventLog events = EventLog.system().addSink(all);
    LoadRunner.Result r;
    try (EmbeddedSmdp smdp =
        EmbeddedSmdp.options(org.rspharness.core.crypto.Curve.NIST_P256, 8)
            .pki(PKI)
            .events(events)
            .start()) {
      LoadTarget everyOtherCodeUnknown = new FlakyTarget(smdp);
      r =
          new LoadRunner(
                  LoadConfig.count(2, 1, 2).withAttempts(2).withSeed(8),
                  everyOtherCodeUnknown,
                  events,
                  LoadProgress.quiet())
              .run();
    }
    Kpis k = r.kpis();
    assertThat(k).isEqualTo(Kpis.of(all.events()));
    assertThat(r.succeeded()).isEqualTo(2);
    assertThat(k.downloadAttempts()).isEqualTo(4);
    assertThat(k.downloadSuccesses()).isEqualTo(2);
    assertThat(k.retriesPerSuccess()).isEqualTo(1.0);
    // the SM-DP+ refuses the unknown matchingId with one SGP.22 code, twice
    assertThat(k.failuresByStatusCode()).hasSize(1).containsValue(2);
    assertThat(k.failuresByStatusCode().keySet().iterator().next()).matches("[0-9.]+/[0-9.]+");
    assertThat(k.failuresByInterruptionPoint()).isEqualTo(java.util.Map.of("(no fault)", 2));
    assertThat(k.recovered()).isEqualTo(2);
    assertThat(k.activations()).isEqualTo(2);
    assertThat(k.successRate()).isEqualTo(1.0);
    // each activation's time includes its refused attempt, and so does the recovery
    assertThat(k.mttrNanos()).isPositive();
    assertThat(k.timeToActivate().count()).isEqualTo(2);
    assertThat(k.timeToActivate().max()).isGreaterThan(k.stepsByAction().get("download").max());
  }

  @Test
  void aTimedRunStartsActivationsUntilTheEndThenLetsTheRunningOnesFinish() throws Exception {
    EventLog events = EventLog.system();
    List<LoadProgress.Snapshot> snapshots = new ArrayList<>();
    LoadRunner.Result r;
    try (EmbeddedSmdp smdp =
        EmbeddedSmdp.options(org.rspharness.core.crypto.Curve.NIST_P256, 10)
            .pki(PKI)
            .events(events)
            .start()) {
      r =
          new LoadRunner(
                  LoadConfig.count(3, 2, 1)
                      .withDuration(java.time.Duration.ofSeconds(2))
                      .withRampUp(java.time.Duration.ofSeconds(1))
                      .withSeed(10),
                  smdp,
                  events,
                  snapshots::add)
              .run();
    }
    assertThat(r.activations()).isPositive();
    // every activation started was finished and counted
    assertThat(r.kpis().downloadAttempts()).isEqualTo((int) r.activations());
    assertThat(r.succeeded()).isEqualTo(r.activations());
    LoadProgress.Snapshot last = snapshots.get(snapshots.size() - 1);
    assertThat(last.inFlight()).isZero();
    assertThat(last.succeeded()).isEqualTo(r.activations());
  }

  /** The embedded SM-DP+, but every odd activation code names an order that does not exist. */
  private static final class FlakyTarget implements LoadTarget {
    private final EmbeddedSmdp smdp;
    private int calls;

    FlakyTarget(EmbeddedSmdp smdp) {
      this.smdp = smdp;
    }

    @Override
    public org.rspharness.core.pki.CredentialSource pki() {
      return smdp.pki();
    }

    @Override
    public java.util.List<java.security.cert.X509Certificate> trustedCis() {
      return smdp.trustedCis();
    }

    @Override
    public java.util.Map<String, String> resolve() {
      return smdp.resolve();
    }

    @Override
    public synchronized org.rspharness.core.ids.ActivationCode nextActivationCode() {
      org.rspharness.core.ids.ActivationCode real = smdp.nextActivationCode();
      if (++calls % 2 == 0) {
        return real;
      }
      return org.rspharness.core.ids.ActivationCode.parse(
          "LPA:1$" + real.smdpAddress().value() + "$NO-SUCH-ORDER-" + calls);
    }

    @Override
    public io.micrometer.core.instrument.MeterRegistry registry() {
      return smdp.registry();
    }

    @Override
    public String describe() {
      return "flaky " + smdp.describe();
    }

    @Override
    public void close() {}
  }

  @Test
  void aRemoteSmdpIsLoadedThroughItsUrlWithGivenMatchingIds() throws Exception {
    org.rspharness.certs.TestPki pki = PKI;
    try (EmbeddedSmdp server =
        EmbeddedSmdp.options(org.rspharness.core.crypto.Curve.NIST_P256, 9)
            .pki(pki)
            .events(EventLog.disabled())
            .start()) {
      // the "remote" SM-DP+ has two released orders; the run learns only their matchingIds
      List<String> ids = new ArrayList<>();
      String address = null;
      for (int i = 0; i < 2; i++) {
        org.rspharness.core.ids.ActivationCode ac = server.nextActivationCode();
        ids.add(ac.matchingId().value());
        address = ac.smdpAddress().value();
      }
      LoadRunner.Result r;
      try (RemoteSmdp remote =
          new RemoteSmdp(
              java.net.URI.create("https://" + address),
              pki,
              ids,
              -1,
              java.util.Map.of(EmbeddedSmdp.HOST, "127.0.0.1"))) {
        // three activations asked, two orders: the run stops when the matchingIds run out
        r =
            new LoadRunner(
                    LoadConfig.count(3, 2, 3).withSeed(9),
                    remote,
                    EventLog.system(),
                    LoadProgress.quiet())
                .run();
      }
      assertThat(r.activations()).isEqualTo(2);
      assertThat(r.kpis().downloadSuccesses()).isEqualTo(2);
      assertThat(server.simulator().orders().all())
          .allSatisfy(o -> assertThat(o.state()).isEqualTo(ProfileState.INSTALLED));
    }
  }
}
