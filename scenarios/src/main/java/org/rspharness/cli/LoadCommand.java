package org.rspharness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.core.fault.NetworkProfile;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.util.Durations;
import org.rspharness.load.EmbeddedSmdp;
import org.rspharness.load.LoadConfig;
import org.rspharness.load.LoadDevices;
import org.rspharness.load.LoadFaults;
import org.rspharness.load.LoadKpis;
import org.rspharness.load.LoadProgress;
import org.rspharness.load.LoadRunner;
import org.rspharness.load.LoadTarget;
import org.rspharness.load.RemoteSmdp;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.KpiMeters;
import org.rspharness.scenario.kpi.KpiTable;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.kpi.Threshold;
import org.rspharness.scenario.model.Faults;
import org.rspharness.scenario.model.Load;
import org.rspharness.scenario.model.ScenarioLoader;
import org.rspharness.scenario.model.Stage;
import org.rspharness.scenario.report.ConsoleSummary;
import org.rspharness.scenario.report.DeviationFinding;
import org.rspharness.scenario.report.HtmlReport;
import org.rspharness.scenario.report.Reports;
import org.rspharness.scenario.report.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rsp-harness load}: many virtual devices downloading profiles at once from the embedded
 * SM-DP+ (or a remote one), under a network profile and fault rules of your choice, in one run or
 * in gated stages, as one shard of many or alone; a progress line every second, the KPIs at the end
 * and, with an acceptance file, the SLA verdict (exit 1 when missed).
 */
@Command(
    name = "load",
    description = {
      "Load test: N virtual devices (each its own eUICC and certificate) download profiles,"
          + " C at a time, from the embedded SM-DP+ or a remote one; prints KPIs at the end.",
      "Exit 0 when the run passed (every stage gate and acceptance threshold met), 1 when not."
    })
final class LoadCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Option(
      names = "--devices",
      paramLabel = "N",
      defaultValue = "100",
      description = "virtual devices (default ${DEFAULT-VALUE}); with --shard, of all shards")
  int devices;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      defaultValue = "8",
      description = "downloads in flight at most (default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--ramp-up",
      paramLabel = "D",
      defaultValue = "0s",
      description = "grow the concurrency from 1 to C over D, e.g. 30s (default ${DEFAULT-VALUE})")
  String rampUp;

  @ArgGroup(exclusive = true)
  Amount amount;

  static final class Amount {
    @Option(
        names = "--duration",
        paramLabel = "D",
        description = "start activations for D (e.g. 5m), then let the running ones finish")
    String duration;

    @Option(
        names = "--count",
        paramLabel = "N",
        description = "run N activations (default: one per device); with --shard, of all shards")
    Integer count;
  }

  @Option(
      names = "--curve",
      paramLabel = "CURVE",
      defaultValue = "nist",
      description = "nist or brainpool (default ${DEFAULT-VALUE})")
  String curve;

  @Option(
      names = "--smdp",
      paramLabel = "URL",
      description = "a remote SM-DP+ (https://host[:port]); needs --pki and --matching-ids")
  URI smdp;

  @Option(
      names = "--pki",
      paramLabel = "DIR",
      description =
          "PKI directory (SGP.26 layout): CI for TLS, EUM with its key for the eUICC certificates"
              + " (default for the embedded SM-DP+: a PKI generated from the seed)")
  Path pki;

  @Option(
      names = "--matching-ids",
      paramLabel = "FILE",
      description =
          "remote SM-DP+: released orders' matchingIds, one per line, one per attempt (a shard"
              + " uses its share)")
  Path matchingIds;

  @Option(
      names = "--resolve",
      paramLabel = "HOST=ADDRESS",
      description = "remote SM-DP+: dial HOST at ADDRESS instead of asking DNS; repeatable")
  java.util.Map<String, String> resolve = new java.util.LinkedHashMap<>();

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "seed of device keys, EIDs and the embedded SM-DP+ (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--binding",
      paramLabel = "json|asn1",
      defaultValue = "json",
      description =
          "ES9+ binding of the virtual devices: json or asn1 (SGP.22 v3, /gsma/rsp2/asn1);"
              + " default ${DEFAULT-VALUE}")
  String binding;

  @Option(names = "--enable", description = "enable each downloaded profile")
  boolean enable;

  @Option(
      names = "--attempts",
      paramLabel = "K",
      defaultValue = "1",
      description = "download attempts per activation, each with a new order (default 1)")
  int attempts;

  @Option(
      names = "--network",
      paramLabel = "PROFILE",
      description =
          "network stress on every device connection: 3g-poor, 3g, 4g, lossy, or"
              + " latency=300ms,jitter=100ms,bandwidth=384kbit,loss=1%,reset=2%")
  String network;

  @Option(
      names = "--faults",
      paramLabel = "FILE",
      description = "fault rules (a 'faults:' block as in scenario files) for the run")
  Path faultsFile;

  @Option(
      names = "--load-file",
      paramLabel = "FILE",
      description =
          "a staged rollout: 'load:' with stages and gates (and 'faults:'), as in scenarios")
  Path loadFile;

  @Option(
      names = "--stage",
      paramLabel = "SPEC",
      description =
          "a stage of a staged rollout, in order: NAME:devices=N[,concurrency=C][,count=K]"
              + "[,attempts=A][,enable][,gate=KPI>=LIMIT][,gate=KPI<=LIMIT]; repeatable")
  List<String> stageSpecs = new ArrayList<>();

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description =
          "run shard I of N (from 0): devices and activations are split into N disjoint ranges;"
              + " merge the shards' events with 'report --merge'")
  String shard;

  @Option(
      names = "--acceptance",
      paramLabel = "FILE",
      description = "SLA thresholds (YAML), its networkProfile applied; exit 1 when one is missed")
  Path acceptance;

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description = "write every event (with HTTP bodies and APDUs) to FILE as events.jsonl")
  Path eventsFile;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description = "write events.jsonl, summary.json, junit.xml and report.html into DIR")
  Path reportDir;

  @Option(
      names = "--report-sample",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "activations without failure drawn as diagrams in report.html (every failed one is;"
              + " default ${DEFAULT-VALUE})")
  int reportSample;

  @Option(
      names = "--report-detail",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "drawn sessions (failed ones first) whose messages are decoded in report.html (default"
              + " ${DEFAULT-VALUE}); the others show one line per message")
  int reportDetail;

  @Option(
      names = "--metrics-port",
      paramLabel = "P",
      description =
          "serve Prometheus metrics (SM-DP+ and load meters) at http://127.0.0.1:P/metrics")
  Integer metricsPort;

  @Option(
      names = "--lpa-behaviour",
      paramLabel = "PRESET[,KEY=VALUE...]",
      description =
          "the virtual devices' LPA behaviour: a preset (spec, lpac, chromeos-hermes,"
              + " end-user-rejection-always; default spec) and settings, e.g."
              + " spec,storeDataBlockSize=255,connectionPerCall=true (keys as a scenario"
              + " device's lpa)")
  String lpaBehaviour;

  @Option(
      names = "--strict",
      description =
          "the devices fail on every deviation from SGP.22 that field devices tolerate (e.g. base64"
              + " with line breaks, BSP segments over 1020 bytes) instead of recording it and"
              + " carrying on")
  boolean strict;

  @Option(
      names = "--smdp-quirk",
      paramLabel = "NAME",
      split = ",",
      description =
          "the embedded SM-DP+ behaves like a field server with this quirk (the names of smdp"
              + " serve --quirk, e.g. base64-line-breaks); repeat or comma-separate")
  List<String> smdpQuirks = new ArrayList<>();

  @Option(
      names = "--reader",
      paramLabel = "NAME",
      description =
          "drive the card in this PC/SC reader instead of software eUICCs (see 'lpa readers'):"
              + " one device, one activation at a time; each installed profile is deleted after"
              + " its activation to make room")
  String reader;

  @Option(
      names = "--no-apdu-breakdown",
      description = "no per-ES10 latency in the KPIs (saves the CPU of grouping APDUs)")
  boolean noApdus;

  @Option(
      names = "--memory-log",
      paramLabel = "FILE",
      description =
          "soak runs: write RSS, heap in use and live heap (after a forced GC) as CSV to FILE every"
              + " --memory-every")
  Path memoryLog;

  @Option(
      names = "--memory-every",
      paramLabel = "D",
      defaultValue = "60s",
      description = "interval of --memory-log lines (default ${DEFAULT-VALUE})")
  String memoryEvery;

  private static final String SOURCE = "load";

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    JsonLines lines = OutputOptions.jsonLines(spec);
    PrintWriter out = output.human(spec.commandLine());
    PrintWriter err = spec.commandLine().getErr();
    int[] sh = shard();
    Acceptance criteria = acceptance == null ? null : Acceptance.load(acceptance);
    Load staged = null;
    Faults faults = Faults.NONE;
    String faultsSource = null;
    if (loadFile != null) {
      ScenarioLoader.LoadFile f = ScenarioLoader.loadFile(loadFile);
      staged = f.load();
      faults = f.faults();
      faultsSource = faults.rules().isEmpty() ? null : loadFile.toString();
    }
    if (!stageSpecs.isEmpty()) {
      if (staged != null) {
        throw bad("--stage and --load-file: give the stages one way, not both");
      }
      List<Stage> stages = new ArrayList<>();
      for (String s : stageSpecs) {
        stages.add(stage(s));
      }
      staged = new Load(curve(), stages);
    }
    if (faultsFile != null) {
      if (!faults.rules().isEmpty()) {
        throw bad("--faults and the load file's faults: give the rules one way, not both");
      }
      Faults f = ScenarioLoader.faultsFile(faultsFile);
      faults = new Faults(f.profile() != null ? f.profile() : faults.profile(), f.rules());
      faultsSource = faultsFile.toString();
    }
    NetworkProfile profile = profile(criteria, faults.profile());
    faults = new Faults(profile, faults.rules());
    LoadFaults plan = new LoadFaults(faults, RandomSource.seeded(seed).derive("load-faults"));
    LoadDevices deviceSetup = deviceSetup(staged);
    LoadConfig config = config(sh);
    try {
      deviceSetup.check(config);
      if (staged != null) {
        for (Stage st : staged.stages()) {
          deviceSetup.check(LoadConfig.count(st.devices(), st.concurrency(), 1));
        }
      }
    } catch (IllegalArgumentException e) {
      throw bad("--reader " + e.getMessage().replaceFirst("^reader '[^']*' ", ""));
    }

    EventLog events = EventLog.system();
    LoadKpis all = LoadKpis.attach(events, !noApdus);
    DeviationFinding.Tally deviations = new DeviationFinding.Tally(SOURCE, true);
    events.addSink(deviations);
    Path file = eventsFile;
    if (reportDir != null) {
      Files.createDirectories(reportDir);
      file = file != null ? file : reportDir.resolve("events.jsonl");
    }
    EventsJsonl.Sink sink = null;
    if (file != null) {
      sink = EventsJsonl.writer(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
      events.addSink(sink);
    }
    List<String> stress = plan.describe(faultsSource);
    for (String s : stress) {
      events.emit(SOURCE, new EventPayload.Note(Kpis.STRESS_NOTE + s));
    }
    events.emit(
        SOURCE,
        new EventPayload.Note(
            org.rspharness.scenario.report.RunSummary.LPA_BEHAVIOUR_NOTE
                + "load: "
                + deviceSetup.lpa().describe()));
    if (sh != null) {
      events.emit(
          SOURCE,
          new EventPayload.Note(
              "shard " + sh[0] + "/" + sh[1] + ": devices " + range(sh, devices, 0)));
    }
    long activations = 0;
    long t0 = System.nanoTime();
    LoadTarget target = null;
    org.rspharness.load.MemoryLog memory = null;
    try {
      if (memoryLog != null) {
        java.util.concurrent.atomic.AtomicLong finished =
            new java.util.concurrent.atomic.AtomicLong();
        events.addSink(
            e -> {
              if (e.payload() instanceof EventPayload.StepFinished f
                  && LoadRunner.SCENARIO.equals(f.scenario())
                  && f.step() != null
                  && f.step().startsWith("activation ")) {
                finished.incrementAndGet();
              }
            });
        memory =
            org.rspharness.load.MemoryLog.start(
                memoryLog, duration("--memory-every", memoryEvery), finished::get);
      }
      target = target(config, events, plan, sh);
      String starting = describe(config, staged, sh) + " against " + target.describe();
      if (json) {
        lines.progress(starting, JsonLines.data("devices", config.devices(), "stress", stress));
      }
      out.println("load: " + starting);
      out.println("stress: " + (stress.isEmpty() ? "none" : String.join("; ", stress)));
      out.println("devices: " + deviceSetup.describe());
      out.println(org.rspharness.core.crypto.NativeEc.description());
      out.flush();
      LoadProgress progress =
          json
              ? s ->
                  lines.progress(
                      s.line(),
                      JsonLines.data(
                          "elapsedMillis",
                          s.elapsed().toMillis(),
                          "started",
                          s.started(),
                          "succeeded",
                          s.succeeded(),
                          "failed",
                          s.failed(),
                          "inFlight",
                          s.inFlight()))
              : output.quiet()
                  ? LoadProgress.quiet()
                  : s -> {
                    err.println(s.line());
                    err.flush();
                  };
      if (staged == null) {
        LoadRunner.Result r =
            new LoadRunner(config, target, events, progress, name -> plan.device(name, events))
                .devices(deviceSetup)
                .run();
        activations = r.activations();
      } else {
        activations = stages(staged, config, sh, target, events, progress, plan, deviceSetup, out);
      }
      List<DeviationFinding> deviationFindings = deviations.findings();
      long strictFailures =
          deviationFindings.stream()
              .filter(f -> !f.tolerated())
              .mapToLong(DeviationFinding::count)
              .sum();
      if (strictFailures > 0) {
        // a verdict step, so the console, --json and summary.json all fail the run
        String step = RunResult.STAGE + "strict";
        events.emit(SOURCE, new EventPayload.StepStarted(SOURCE, step, "stage", null));
        events.emit(
            SOURCE,
            new EventPayload.StepFinished(
                SOURCE,
                step,
                false,
                null,
                strictFailures + " deviation(s) from SGP.22 failed under --strict"));
      }
      Kpis kpis = all.finish();
      RunResult result = RunResult.of(all.verdictEvents(), kpis, criteria);
      KpiMeters.bind(result.kpis(), target.registry());
      double seconds = (System.nanoTime() - t0) / 1e9;
      String done =
          String.format(
              Locale.ROOT,
              "%d activations in %.1fs: %.1f activations/s",
              activations,
              seconds,
              activations / seconds);
      out.println(done);
      out.print(KpiTable.render(result.kpis()));
      // in full: after a load they are the finding, not a table cell
      out.print(new ConsoleSummary(10_000, false).renderDeviations(deviationFindings));
      if (sink != null) {
        sink.close();
        sink = null;
        out.println("events in " + file);
      }
      if (result.acceptance() != null) {
        String v = result.acceptance().render();
        out.print(output.colors().enabled() ? colour(v) : v);
      }
      if (reportDir != null) {
        RunResult written =
            Reports.writeAll(
                EventsJsonl.read(file),
                reportDir,
                "load",
                criteria,
                new HtmlReport.Options(reportSample, reportDetail));
        out.println(
            "reports: "
                + reportDir.resolve(Reports.HTML)
                + " ("
                + Files.size(reportDir.resolve(Reports.HTML)) / 1024
                + " KB), "
                + reportDir.resolve(Reports.JSON));
        result = written;
      }
      result.failures().forEach(w -> out.println("  " + w));
      out.println("result: " + result.result());
      out.flush();
      int exit = result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
      if (json) {
        Map<String, Object> data =
            JsonLines.data(
                "activations",
                activations,
                "elapsedMillis",
                Math.round(seconds * 1000),
                "downloadAttempts",
                result.kpis().downloadAttempts(),
                "downloadSuccesses",
                result.kpis().downloadSuccesses(),
                "successRate",
                Double.isNaN(result.kpis().successRate()) ? null : result.kpis().successRate(),
                "failuresByStatusCode",
                result.kpis().failuresByStatusCode(),
                "result",
                result.result(),
                "why",
                result.failures(),
                "stress",
                stress,
                "lpaBehaviour",
                deviceSetup.lpa().describe(),
                "strict",
                strict,
                "deviations",
                deviationFindings.stream().map(DeviationFinding::line).toList(),
                "reader",
                reader,
                "kpis",
                kpiMap(result.kpis()),
                "acceptance",
                result.acceptance() == null ? null : result.acceptance().passed());
        if (exit == ExitCodes.OK) {
          lines.ok(done, data);
        } else {
          lines.result(exit, "failed", String.join("; ", result.failures()), done, data);
        }
      }
      return exit;
    } finally {
      if (memory != null) {
        memory.close();
      }
      if (target != null) {
        target.close();
      }
      if (sink != null) {
        sink.close();
      }
    }
  }

  /** The KPIs by name (the same values every report prints), for the JSON result line. */
  private static Map<String, Object> kpiMap(Kpis k) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (org.rspharness.scenario.kpi.KpiValues.Entry e :
        org.rspharness.scenario.kpi.KpiValues.of(k).entries()) {
      out.put(e.name(), e.value());
    }
    return out;
  }

  /** PASS/FAIL of a verdict's lines in colour. */
  private String colour(String verdict) {
    var c = output.colors();
    return verdict
        .replaceAll("(?m)^(\\s*)PASS", "$1" + c.pass("PASS"))
        .replaceAll("(?m)^(\\s*)FAIL", "$1" + c.fail("FAIL"))
        .replace("PASSED", c.pass("PASSED"))
        .replace("FAILED", c.fail("FAILED"));
  }

  /** Runs the stages in order; a stage whose gate fails stops the rollout. */
  private long stages(
      Load load,
      LoadConfig base,
      int[] sh,
      LoadTarget target,
      EventLog events,
      LoadProgress progress,
      LoadFaults plan,
      LoadDevices deviceSetup,
      PrintWriter out)
      throws InterruptedException {
    int all = 0;
    for (Stage s : load.stages()) {
      all += s.devices();
    }
    int before = 0;
    long activations = 0;
    List<Stage> stages = load.stages();
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      String step = RunResult.STAGE + stage.name();
      events.emit(SOURCE, new EventPayload.StepStarted(SOURCE, step, "stage", null));
      // a log of its own, so that the gate sees this stage's events only
      EventLog stageLog = new EventLog(Clock.systemUTC(), System::nanoTime);
      stageLog.addSink(e -> events.emit(e.source(), e.payload()));
      int[] devs = split(sh, stage.devices());
      int[] count = stage.duration() == null ? split(sh, stage.count()) : new int[] {0, 0};
      LoadConfig c =
          new LoadConfig(
                  Math.max(1, devs[1]),
                  stage.concurrency(),
                  stage.rampUp(),
                  stage.duration(),
                  Math.max(1, count[1]),
                  base.curve(),
                  stage.enable() || base.enable(),
                  stage.attempts(),
                  seed,
                  base.recordApdus(),
                  base.binding())
              .withDeviceRange(before + devs[0], all);
      LoadRunner.Result r =
          new LoadRunner(c, target, stageLog, progress, name -> plan.device(name, stageLog))
              .devices(deviceSetup)
              .run();
      activations += r.activations();
      before += stage.devices();
      String message = r.succeeded() + "/" + r.activations() + " activations ok";
      boolean ok = true;
      if (stage.gated()) {
        Acceptance.Verdict gate =
            new Acceptance("gate of " + stage.name(), null, stage.acceptance()).evaluate(r.kpis());
        ok = gate.passed();
        List<String> missed = new ArrayList<>();
        gate.checks().stream().filter(ch -> !ch.passed()).forEach(ch -> missed.add(ch.describe()));
        message +=
            ok
                ? "; gate passed (" + gate.checks().size() + " thresholds met)"
                : "; gate failed: " + String.join("; ", missed);
      }
      out.println("stage " + stage.name() + ": " + message);
      out.flush();
      events.emit(SOURCE, new EventPayload.StepFinished(SOURCE, step, ok, null, message));
      if (!ok) {
        for (Stage later : stages.subList(i + 1, stages.size())) {
          events.emit(
              SOURCE,
              new EventPayload.Note(
                  "stage " + later.name() + ": not run (stage " + stage.name() + " failed)"));
          out.println("stage " + later.name() + ": not run");
        }
        break;
      }
    }
    return activations;
  }

  /**
   * The devices' LPA behaviour (--lpa-behaviour, or the load file's {@code lpa}; both: an error)
   * and reader.
   */
  private LoadDevices deviceSetup(Load staged) {
    org.rspharness.lpa.LpaBehaviour fromFile =
        staged == null ? org.rspharness.lpa.LpaBehaviour.SPEC : staged.lpa();
    org.rspharness.lpa.LpaBehaviour lpa = fromFile;
    if (lpaBehaviour != null) {
      try {
        lpa = org.rspharness.lpa.LpaBehaviour.parse(lpaBehaviour);
      } catch (IllegalArgumentException e) {
        throw bad("--lpa-behaviour '" + lpaBehaviour + "': " + e.getMessage());
      }
      if (!fromFile.equals(org.rspharness.lpa.LpaBehaviour.SPEC) && !fromFile.equals(lpa)) {
        throw bad("--lpa-behaviour and the load file's lpa: give the behaviour one way, not both");
      }
    }
    if (reader != null) {
      var parsed = spec.commandLine().getParseResult();
      // one reader holds one card: one device, one activation at a time unless asked otherwise
      if (!parsed.hasMatchedOption("--devices")) {
        devices = 1;
      }
      if (!parsed.hasMatchedOption("--concurrency")) {
        concurrency = 1;
      }
    }
    try {
      return new LoadDevices(lpa, reader, strict);
    } catch (IllegalArgumentException e) {
      throw bad("--reader: " + e.getMessage());
    }
  }

  private static final Pattern GATE = Pattern.compile("([A-Za-z0-9_./-]+)\\s*(>=|<=)\\s*(.+)");

  /** A stage from {@code NAME:devices=N,concurrency=C,...,gate=KPI>=LIMIT}. */
  private Stage stage(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw bad("--stage '" + spec + "': expected NAME:devices=N[,concurrency=C][,gate=...]");
    }
    String name = spec.substring(0, colon);
    int devs = -1;
    int conc = 1;
    int count = 0;
    int att = 1;
    boolean en = false;
    List<Threshold> gate = new ArrayList<>();
    try {
      for (String item : spec.substring(colon + 1).split(",")) {
        String it = item.trim();
        if (it.equals("enable")) {
          en = true;
          continue;
        }
        int eq = it.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("'" + it + "': expected KEY=VALUE or enable");
        }
        String k = it.substring(0, eq);
        String v = it.substring(eq + 1);
        switch (k) {
          case "devices" -> devs = Integer.parseInt(v);
          case "concurrency" -> conc = Integer.parseInt(v);
          case "count" -> count = Integer.parseInt(v);
          case "attempts" -> att = Integer.parseInt(v);
          case "gate" -> {
            Matcher m = GATE.matcher(v);
            if (!m.matches()) {
              throw new IllegalArgumentException(
                  "gate '" + v + "': expected KPI>=LIMIT or KPI<=LIMIT, e.g. successRate>=95%");
            }
            boolean min = m.group(2).equals(">=");
            gate.add(
                Acceptance.threshold(m.group(1), min ? m.group(3) : null, min ? null : m.group(3)));
          }
          default ->
              throw new IllegalArgumentException(
                  "'" + k + "': expected devices, concurrency, count, attempts, enable or gate");
        }
      }
      return new Stage(name, devs, conc, count, null, null, en, att, gate);
    } catch (IllegalArgumentException e) {
      throw bad("--stage '" + spec + "': " + e.getMessage());
    }
  }

  /** The network profile: --network, else the acceptance file's; both must agree. */
  private NetworkProfile profile(Acceptance criteria, NetworkProfile fromFile) {
    NetworkProfile p = fromFile;
    if (network != null) {
      try {
        p = NetworkProfile.parse(network);
      } catch (IllegalArgumentException e) {
        throw bad("--network: " + e.getMessage());
      }
    }
    if (criteria != null && criteria.networkProfile() != null) {
      NetworkProfile asked = NetworkProfile.named(criteria.networkProfile());
      if (p != null && !p.equals(asked)) {
        throw bad(
            acceptance
                + ": acceptance '"
                + criteria.name()
                + "' is judged under network profile "
                + criteria.networkProfile()
                + ", but the run asks for "
                + p.name()
                + "; drop --network or make them agree");
      }
      p = asked;
    }
    return p;
  }

  /** {shard, shards} from --shard I/N, or null. */
  private int[] shard() {
    if (shard == null) {
      return null;
    }
    Matcher m = Pattern.compile("([0-9]{1,4})/([0-9]{1,4})").matcher(shard.trim());
    if (!m.matches()) {
      throw bad("--shard: expected I/N such as 0/3 (shards numbered from 0), got '" + shard + "'");
    }
    int i = Integer.parseInt(m.group(1));
    int n = Integer.parseInt(m.group(2));
    if (n < 1 || i >= n) {
      throw bad("--shard: expected 0 <= I < N, got '" + shard + "'");
    }
    if (devices < n) {
      throw bad("--shard " + shard + ": fewer devices (" + devices + ") than shards");
    }
    return new int[] {i, n};
  }

  /** {first, size} of this shard's share of {@code total} items (all of them without a shard). */
  static int[] split(int[] sh, int total) {
    if (sh == null) {
      return new int[] {0, total};
    }
    long first = (long) total * sh[0] / sh[1];
    long end = (long) total * (sh[0] + 1) / sh[1];
    return new int[] {(int) first, (int) (end - first)};
  }

  private static String range(int[] sh, int total, int offset) {
    int[] r = split(sh, total);
    return (offset + r[0]) + ".." + (offset + r[0] + r[1] - 1);
  }

  private Curve curve() {
    return switch (curve) {
      case "nist" -> Curve.NIST_P256;
      case "brainpool" -> Curve.BRAINPOOL_P256R1;
      default -> throw bad("--curve: expected nist or brainpool, got '" + curve + "'");
    };
  }

  private LoadConfig config(int[] sh) {
    Duration d =
        amount == null || amount.duration == null ? null : duration("--duration", amount.duration);
    int n = amount != null && amount.count != null ? amount.count : devices;
    int[] devs = split(sh, devices);
    int[] counts = split(sh, n);
    if (d == null && counts[1] < 1) {
      throw bad("--count " + n + ": fewer activations than shards");
    }
    try {
      return new LoadConfig(
              devs[1],
              concurrency,
              duration("--ramp-up", rampUp),
              d,
              d == null ? counts[1] : 0,
              curve(),
              enable,
              attempts,
              seed,
              !noApdus,
              binding)
          .withDeviceRange(devs[0], devices);
    } catch (IllegalArgumentException e) {
      throw bad("--" + e.getMessage());
    }
  }

  private Duration duration(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw bad(option + ": " + e.getMessage());
    }
  }

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private LoadTarget target(LoadConfig config, EventLog events, LoadFaults plan, int[] sh)
      throws IOException {
    int metrics = metricsPort == null ? -1 : metricsPort;
    int shardIndex = sh == null ? 0 : sh[0];
    org.rspharness.smdp.quirk.Quirks quirks;
    try {
      quirks = org.rspharness.smdp.quirk.Quirks.parse(smdpQuirks);
    } catch (IllegalArgumentException e) {
      throw bad("--smdp-quirk: " + e.getMessage());
    }
    if (smdp == null) {
      if (matchingIds != null) {
        throw bad("--matching-ids is for a remote SM-DP+ (--smdp URL)");
      }
      return EmbeddedSmdp.options(config.curve(), seed)
          .pki(pki == null ? null : PkiDirectory.load(pki))
          .metricsPort(metrics)
          .events(events)
          .faults(plan.smdp(events))
          .shard(shardIndex)
          .quirks(quirks)
          .start();
    }
    if (!smdpQuirks.isEmpty()) {
      throw bad("--smdp-quirk shapes the embedded SM-DP+; a remote one (--smdp) has its own ways");
    }
    if (pki == null || matchingIds == null) {
      throw bad("--smdp needs --pki DIR (its CI and an EUM with its key) and --matching-ids FILE");
    }
    if (!plan.smdp(events).isEmpty()) {
      throw bad("protocol and network-server fault rules need the embedded SM-DP+ (no --smdp)");
    }
    List<String> ids;
    try {
      ids =
          Files.readAllLines(matchingIds, StandardCharsets.UTF_8).stream()
              .map(String::trim)
              .filter(s -> !s.isEmpty() && !s.startsWith("#"))
              .toList();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(matchingIds + " (no such matchingIds file)");
    }
    int[] mine = split(sh, ids.size());
    CredentialSource source = PkiDirectory.load(pki);
    return new RemoteSmdp(smdp, source, ids.subList(mine[0], mine[0] + mine[1]), metrics, resolve);
  }

  private static String describe(LoadConfig c, Load staged, int[] sh) {
    String who =
        (sh == null ? "" : "shard " + sh[0] + "/" + sh[1] + ", ")
            + c.devices()
            + " devices"
            + (sh == null
                ? ""
                : " (" + c.firstDevice() + ".." + (c.firstDevice() + c.devices() - 1) + ")");
    if (staged != null) {
      return who.replaceFirst("^(shard [^,]*, )?.*$", "$1")
          + staged.stages().size()
          + " stages ("
          + String.join(
              ", ", staged.stages().stream().map(s -> s.name() + " " + s.devices()).toList())
          + ")";
    }
    return who
        + ", concurrency "
        + c.concurrency()
        + (c.rampUp().isZero() ? "" : ", ramp-up " + c.rampUp().toSeconds() + "s")
        + ", "
        + (c.duration() != null
            ? "for " + c.duration().toSeconds() + "s"
            : c.count() + " activations")
        + (c.enable() ? " (download + enable)" : " (download)")
        + ", "
        + (c.curve() == Curve.NIST_P256 ? "nist" : "brainpool");
  }
}
