package org.rspharness.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rspharness.core.cli.Colors;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.engine.EngineTarget;
import org.rspharness.scenario.engine.ScenarioEngine;
import org.rspharness.scenario.engine.ScenarioOutcome;
import org.rspharness.scenario.engine.ScenarioSources;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.KpiTable;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.Smdp;
import org.rspharness.scenario.report.ConsoleProgress;
import org.rspharness.scenario.report.ConsoleSummary;
import org.rspharness.scenario.report.HtmlReport;
import org.rspharness.scenario.report.Reports;
import org.rspharness.scenario.report.RunResult;
import org.rspharness.scenario.report.RunSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rsp-harness run [PATH...]}: runs scenario files (or, with no path, the bundled smoke
 * suite), writes events.jsonl and the reports, prints the summary, and exits 0 only when every
 * scenario held.
 */
@Command(
    name = "run",
    description = {
      "Run scenarios: files or directories of *.yaml; with no PATH, the bundled smoke suite",
      "against the embedded SM-DP+ and software eUICCs.",
      "Exit status: 0 all passed, 1 a scenario or threshold failed, 2 bad input, 3 the remote"
          + " SM-DP+ or the network failed, 4 internal error."
    },
    footerHeading =
        "%nNetwork profiles (faults.networkProfile in a scenario, networkProfile in an"
            + " acceptance file):%n",
    footer = {
      "  3g-poor  400 ms +- 200 ms per exchange, 5 % of exchanges reset",
      "  4g       50 ms +- 20 ms, no resets",
      "  lossy    100 ms +- 50 ms, 20 % of exchanges reset",
      "  or your own: {name: mine, latency: 250ms, jitter: 50ms, resetPercent: 2}"
    })
final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "scenario files or directories")
  List<Path> paths = List.of();

  @Option(
      names = "--library",
      description = "run the whole bundled scenario library instead of the smoke suite")
  boolean library;

  @Option(
      names = "--smdp",
      paramLabel = "URL",
      description = "a remote SM-DP+ (its ES9+ base URL) instead of each scenario's own")
  URI smdp;

  @Option(names = "--es2", paramLabel = "URL", description = "the remote SM-DP+'s ES2+ base URL")
  URI es2;

  @Option(
      names = "--client-cert",
      paramLabel = "PEM",
      description = "the operator's ES2+ client certificate (with --es2)")
  Path clientCert;

  @Option(
      names = "--client-key",
      paramLabel = "PEM",
      description = "the operator's ES2+ client key (with --es2)")
  Path clientKey;

  @Option(
      names = "--pki",
      paramLabel = "DIR",
      description = "a PKI directory (e.g. SGP.26) instead of each scenario's own")
  Path pki;

  @Option(
      names = "--resolve",
      paramLabel = "HOST=ADDRESS",
      description = "dial HOST at ADDRESS (ip or ip:port) instead of DNS, e.g. a lab SM-DP+")
  java.util.Map<String, String> resolve = new java.util.LinkedHashMap<>();

  @Option(names = "--seed", paramLabel = "N", description = "a seed replacing each scenario's")
  Long seed;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "2",
      description = "scenarios run at once (default: ${DEFAULT-VALUE})")
  int parallel;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      defaultValue = "rsp-report",
      description = "where events.jsonl and the reports go (default: ${DEFAULT-VALUE})")
  Path reportDir;

  @Option(names = "--junit", paramLabel = "FILE", description = "also write the JUnit XML here")
  Path junit;

  @Option(
      names = "--acceptance",
      paramLabel = "FILE",
      description =
          "SLA thresholds (YAML) checked against the run's KPIs; a missed one fails the run")
  Path acceptance;

  @Option(
      names = "--strict",
      description =
          "fail on every deviation from SGP.22 that field devices tolerate (e.g. BSP segments over"
              + " 1020 bytes: errorReason 7) instead of recording it and carrying on")
  private boolean strict;

  @Option(names = "--kpis", description = "print the KPI table (success rate, time-to-activate...)")
  boolean kpis;

  @Option(
      names = "--report-sample",
      paramLabel = "N",
      description =
          "draw message-sequence diagrams for every failed scenario and N passed ones (default:"
              + " all)")
  Integer reportSample;

  @Option(
      names = "--report-detail",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "drawn sessions (failed ones first) whose messages are decoded in report.html (default"
              + " ${DEFAULT-VALUE}); the others show one line per message")
  int reportDetail;

  @Override
  public Integer call() throws IOException {
    List<Scenario> scenarios;
    String suite;
    if (!paths.isEmpty()) {
      scenarios = ScenarioSources.load(paths);
      suite = paths.size() == 1 ? paths.get(0).getFileName().toString() : "scenarios";
    } else if (library) {
      scenarios = ScenarioSources.library();
      suite = "library";
    } else {
      scenarios = ScenarioSources.smoke();
      suite = "smoke";
    }
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("no scenario found in " + paths);
    }
    if (strict) {
      scenarios = scenarios.stream().map(Scenario::strict).toList();
    }
    EngineTarget target = target();
    // read the thresholds before running: a typo must not cost a whole run
    Acceptance sla = acceptance == null ? null : Acceptance.load(acceptance);
    Files.createDirectories(reportDir);
    Path eventsFile = reportDir.resolve("events.jsonl");
    boolean json = output.json();
    JsonLines lines = OutputOptions.jsonLines(spec);
    Colors colors = output.colors();
    PrintStream out =
        json || output.quiet() ? new PrintStream(OutputStream.nullOutputStream()) : System.out;
    String starting =
        "running "
            + scenarios.size()
            + " scenario(s) ("
            + suite
            + ")"
            + (target != null && target.smdp() != null ? " against " + smdp : "");
    if (json) {
      lines.progress(starting, JsonLines.data("scenarios", scenarios.size(), "suite", suite));
    }
    out.println("rsp-harness: " + starting);
    List<ScenarioOutcome> outcomes;
    try (Writer w = Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8);
        EventsJsonl.Sink jsonl = EventsJsonl.writer(w)) {
      EventLog log = EventLog.system().addSink(jsonl);
      try (ScenarioEngine engine =
          new ScenarioEngine(new ScenarioEngine.Options(parallel, target, seed), log)) {
        try (ConsoleProgress progress =
            new ConsoleProgress(
                out, ConsoleProgress.terminal() && colors.enabled(), scenarios.size())) {
          outcomes =
              engine.run(
                  scenarios,
                  new ScenarioEngine.Listener() {
                    @Override
                    public void scenarioStarted(String name) {
                      progress.scenarioStarted(name);
                    }

                    @Override
                    public void scenarioFinished(ScenarioOutcome o) {
                      progress.scenarioFinished(o.name(), o.passed(), o.nanos());
                      if (json) {
                        lines.item(
                            (o.passed() ? "PASS " : "FAIL ")
                                + o.name()
                                + (o.failure() == null ? "" : ": " + o.failure()),
                            JsonLines.data(
                                "scenario",
                                o.name(),
                                "passed",
                                o.passed(),
                                "millis",
                                o.nanos() / 1_000_000,
                                "failure",
                                o.failure()));
                      }
                    }
                  });
        }
      }
    }
    List<Event> events = EventsJsonl.read(eventsFile);
    RunResult result =
        Reports.writeAll(
            events,
            reportDir,
            suite,
            sla,
            new HtmlReport.Options(
                reportSample == null ? Integer.MAX_VALUE : reportSample, reportDetail));
    RunSummary run = result.run();
    Acceptance.Verdict verdict = result.acceptance();
    Kpis k = result.kpis();
    if (junit != null) {
      Path parent = junit.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.copy(reportDir.resolve(Reports.JUNIT), junit, StandardCopyOption.REPLACE_EXISTING);
    }
    // the one verdict (summary.json says the same); the engine's own view must agree with it
    boolean allPassed = outcomes.stream().allMatch(ScenarioOutcome::passed) && result.passed();
    String reports =
        "reports: " + reportDir.resolve(Reports.HTML) + " (events: " + eventsFile + ")";
    if (json) {
      Map<String, Object> data =
          JsonLines.data(
              "scenarios",
              run.scenarios().size(),
              "passed",
              run.passed(),
              "failed",
              run.failed(),
              "reportDir",
              reportDir.toString(),
              "acceptance",
              verdict == null ? null : verdict.passed(),
              "result",
              allPassed ? "PASSED" : "FAILED");
      String totals = run.passed() + " passed, " + run.failed() + " failed; " + reports;
      if (allPassed) {
        lines.ok(totals, data);
      } else {
        lines.result(ExitCodes.FAILED, "failed", "", totals, data);
      }
      return allPassed ? ExitCodes.OK : ExitCodes.FAILED;
    }
    PrintStream summary = System.out;
    ConsoleSummary table = new ConsoleSummary(ConsoleSummary.terminalWidth(), colors.enabled());
    if (!output.quiet()) {
      summary.print(table.render(run, verdict));
    } else if (verdict != null) {
      summary.print(table.renderVerdict(verdict));
    }
    // the table cuts messages to the terminal; the failures follow in full, one per line
    summary.print(table.renderFailures(run));
    if (output.quiet()) {
      summary.println(table.totals(run));
    }
    if (kpis) {
      summary.print(KpiTable.render(k));
    }
    summary.println(reports);
    summary.println("result: " + (allPassed ? "PASSED" : "FAILED"));
    return allPassed ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private EngineTarget target() {
    if (smdp == null && es2 == null && pki == null && resolve.isEmpty()) {
      return null;
    }
    if (smdp == null && es2 != null) {
      throw new IllegalArgumentException("--es2 needs --smdp (the SM-DP+'s ES9+ URL)");
    }
    if (es2 != null && (clientCert == null || clientKey == null)) {
      throw new IllegalArgumentException(
          "--es2 needs --client-cert and --client-key (the operator's TLS credential, PEM)");
    }
    if (pki != null && !Files.isDirectory(pki)) {
      throw new IllegalArgumentException(
          "--pki "
              + pki
              + ": no such directory (a PKI in the SGP.26 layout, e.g. from certs generate)");
    }
    if (smdp != null && pki == null) {
      throw new IllegalArgumentException(
          "--smdp needs --pki DIR: the PKI whose CI the remote SM-DP+'s certificates chain to"
              + " (e.g. the SGP.26 folder)");
    }
    Smdp remote =
        smdp == null
            ? null
            : new Smdp.Remote(smdp, es2 == null ? null : new Smdp.Es2(es2, clientCert, clientKey));
    return new EngineTarget(remote, pki, resolve);
  }
}
