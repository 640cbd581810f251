package org.rspharness.scenario.engine;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.NetworkProfile;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.load.LoadConfig;
import org.rspharness.load.LoadDevices;
import org.rspharness.load.LoadFaults;
import org.rspharness.load.LoadProgress;
import org.rspharness.load.LoadRunner;
import org.rspharness.load.LoadTarget;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.KpiTable;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.model.Faults;
import org.rspharness.scenario.model.Load;
import org.rspharness.scenario.model.Stage;
import org.rspharness.smdp.bpp.ProfilePackages;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderMetadata;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * Runs a scenario's staged rollout ({@link Load}) against the scenario's embedded SM-DP+: each
 * stage is a {@link LoadRunner} run with fresh virtual devices and one new Released order per
 * download attempt; its KPIs come from its own events only, and when it has thresholds the next
 * stage runs only if they all hold.
 *
 * <p>Each stage is a step {@code stage:NAME} (action {@code stage}) whose message is the stage's
 * outcome; its KPI line and the verdict of its gate are notes. The devices' side of the scenario's
 * fault plan applies to every virtual device: the network profile, and the card and client-network
 * rules that name no device (rules for a named topology device do not apply to virtual ones).
 */
final class StageRunner {

  /** The action of a stage's step. */
  static final String ACTION = "stage";

  private static final String SOURCE = "engine";

  private final World world;
  private final EventLog events;
  private final String scenario;

  StageRunner(World world, EventLog events) {
    this.world = world;
    this.events = events;
    this.scenario = world.scenario.name();
  }

  private org.rspharness.lpa.LpaBehaviour lpa = org.rspharness.lpa.LpaBehaviour.SPEC;

  /** Runs the stages in order; returns the failure that ends the scenario, or null. */
  String run(Load load) throws InterruptedException {
    if (!world.embedded()) {
      return "load: staged rollouts need the embedded SM-DP+ (it creates one order per"
          + " activation); a remote SM-DP+ is not supported yet";
    }
    int port = world.es9Port(load.curve());
    if (port < 0) {
      return "load: the SM-DP+ has no ES9+ port on " + load.curve().cliName();
    }
    lpa = load.lpa();
    events.emit(
        SOURCE,
        new EventPayload.Note(
            org.rspharness.scenario.report.RunSummary.LPA_BEHAVIOUR_NOTE
                + "load: "
                + lpa.describe()));
    List<Stage> stages = load.stages();
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      String failure = stage(i, stage, load.curve(), port);
      if (failure != null) {
        List<String> notRun = new ArrayList<>();
        for (Stage later : stages.subList(i + 1, stages.size())) {
          notRun.add(later.name());
          events.emit(
              SOURCE,
              new EventPayload.Note(
                  "stage " + later.name() + ": not run (stage " + stage.name() + " failed)"));
        }
        return "stage:"
            + stage.name()
            + ": "
            + failure
            + (notRun.isEmpty() ? "" : "; not run: " + String.join(", ", notRun));
      }
    }
    return null;
  }

  /** Runs one stage as a step; returns why it failed, or null. */
  private String stage(int index, Stage stage, Curve curve, int port) throws InterruptedException {
    String step = "stage:" + stage.name();
    events.emit(SOURCE, new EventPayload.StepStarted(scenario, step, ACTION, null));
    String failure;
    String message;
    try {
      // a log of its own, so that the stage's KPIs see its events only; all go on to the run's
      EventLog stageLog = new EventLog(Clock.systemUTC(), System::nanoTime);
      stageLog.addSink(e -> events.emit(e.source(), e.payload()));
      LoadConfig config =
          new LoadConfig(
              stage.devices(),
              stage.concurrency(),
              stage.rampUp(),
              stage.duration(),
              stage.count(),
              curve,
              stage.enable(),
              stage.attempts(),
              // other devices in each stage: the seed gives the EIDs and keys
              world.scenario.seed() * 1000 + index,
              true);
      LoadRunner.Result result;
      try (Target target = new Target(stage.name(), index, curve, port)) {
        result =
            new LoadRunner(
                    config,
                    target,
                    stageLog,
                    LoadProgress.quiet(),
                    device ->
                        new LoadFaults(
                                devicesOnly(world.scenario.faults()),
                                world.random.derive("faults/load/" + stage.name()))
                            .device(device, stageLog))
                .devices(new LoadDevices(lpa, null))
                .run();
      }
      Kpis kpis = result.kpis();
      String line = summary(result);
      events.emit(SOURCE, new EventPayload.Note("stage " + stage.name() + ": " + line));
      if (!stage.gated()) {
        failure = result.succeeded() == 0 ? "no activation succeeded (" + line + ")" : null;
        message = line;
      } else {
        NetworkProfile profile = world.scenario.faults().profile();
        Acceptance gate =
            new Acceptance(
                "gate of " + stage.name(),
                profile == null ? null : profile.name(),
                stage.acceptance());
        Acceptance.Verdict verdict = gate.evaluate(kpis);
        for (String l : verdict.render().split("\n")) {
          events.emit(SOURCE, new EventPayload.Note("stage " + stage.name() + ": " + l.strip()));
        }
        List<String> missed = new ArrayList<>();
        verdict.checks().stream().filter(c -> !c.passed()).forEach(c -> missed.add(c.describe()));
        failure = verdict.passed() ? null : "gate failed: " + String.join("; ", missed);
        message =
            line
                + (verdict.passed()
                    ? "; gate passed (" + verdict.checks().size() + " thresholds met)"
                    : "; " + failure);
      }
    } catch (RuntimeException e) {
      failure = "broke: " + e;
      message = failure;
    }
    events.emit(
        SOURCE, new EventPayload.StepFinished(scenario, step, failure == null, null, message));
    return failure;
  }

  private static String summary(LoadRunner.Result r) {
    Kpis k = r.kpis();
    return String.format(
        Locale.ROOT,
        "%d/%d activations ok, successRate %s, timeToActivate.p95 %s, in %s",
        r.succeeded(),
        r.activations(),
        k.value("successRate").isPresent()
            ? KpiTable.percent(k.value("successRate").getAsDouble())
            : "-",
        k.value("timeToActivate.p95").isPresent()
            ? KpiTable.time(Math.round(k.value("timeToActivate.p95").getAsDouble() * 1e9))
            : "-",
        KpiTable.time(r.elapsed().toNanos()));
  }

  /**
   * The scenario's device-side rules that name no device (rules for a named topology device do not
   * apply to virtual ones), and its network profile.
   */
  private static Faults devicesOnly(Faults f) {
    List<Faults.Rule> rules = new ArrayList<>();
    for (Faults.Rule r : f.rules()) {
      if (!r.smdpSide() && r.device() == null) {
        rules.add(r);
      }
    }
    return new Faults(f.profile(), rules);
  }

  /** The scenario's embedded SM-DP+ as a load target: a Released order per download attempt. */
  private final class Target implements LoadTarget {
    private final String stage;
    private final int index;
    private final int port;
    private final AtomicLong orders = new AtomicLong();
    private final MeterRegistry registry = SmdpServer.newRegistry();

    Target(String stage, int index, Curve curve, int port) {
      this.stage = stage;
      this.index = index;
      this.port = port;
    }

    @Override
    public CredentialSource pki() {
      return world.pki;
    }

    @Override
    public List<X509Certificate> trustedCis() {
      List<X509Certificate> out = new ArrayList<>();
      for (Curve c : world.pki.curves()) {
        out.add(world.pki.ci(c).certificate());
      }
      return out;
    }

    @Override
    public Map<String, String> resolve() {
      return Map.of(World.EMBEDDED_HOST, "127.0.0.1");
    }

    @Override
    public ActivationCode nextActivationCode() {
      long n = orders.incrementAndGet();
      // 8988 + stage (3 digits) + order (11 digits) + check digit: apart from inventory ICCIDs
      Iccid iccid = Iccid.withCheckDigit("8988" + pad(index, 3) + pad(n, 11));
      String matchingId = "STAGE" + index + "-" + n;
      world
          .smdp
          .orders()
          .add(
              Order.builder(iccid, "stage")
                  .state(ProfileState.RELEASED)
                  .matchingId(MatchingId.of(matchingId))
                  .metadata(OrderMetadata.of("RSP Harness", stage + " " + n))
                  .profilePackage(() -> ProfilePackages.minimal(iccid, "stage"))
                  .build());
      return ActivationCode.parse("LPA:1$" + World.EMBEDDED_HOST + ":" + port + "$" + matchingId);
    }

    @Override
    public MeterRegistry registry() {
      return registry;
    }

    @Override
    public String describe() {
      return "the scenario's embedded SM-DP+ (stage " + stage + ")";
    }

    @Override
    public void close() {
      // the SM-DP+ belongs to the scenario's world
    }
  }

  private static String pad(long v, int width) {
    String s = Long.toString(v);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }
}
