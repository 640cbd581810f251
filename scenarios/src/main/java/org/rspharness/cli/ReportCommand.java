package org.rspharness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.KpiTable;
import org.rspharness.scenario.report.ConsoleSummary;
import org.rspharness.scenario.report.HtmlReport;
import org.rspharness.scenario.report.MergedEvents;
import org.rspharness.scenario.report.Reports;
import org.rspharness.scenario.report.RunResult;
import org.rspharness.scenario.report.RunSummary;
import org.rspharness.scenario.report.ScenarioSummary;
import org.rspharness.scenario.report.StepSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rsp-harness report events.jsonl}: rebuilds every report of a run from its event log alone,
 * so a run recorded on one machine can be reported on another; {@code --merge a.jsonl b.jsonl ...}
 * joins the event logs of a run's shards into one report and one verdict.
 */
@Command(
    name = "report",
    description = {
      "Rebuild the reports (JUnit XML, JSON summary, HTML) from an events.jsonl file, or from the"
          + " events of several shards with --merge.",
      "Exit status: 0 the run passed, 1 it failed (a scenario, a stage gate or a threshold)."
    })
final class ReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Parameters(paramLabel = "EVENTS", arity = "0..1", description = "the events.jsonl of a run")
  Path events;

  @Option(
      names = "--merge",
      paramLabel = "EVENTS",
      arity = "1..*",
      description = "the events.jsonl files of a sharded run's shards, merged into one report")
  List<Path> merge = new ArrayList<>();

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description =
          "where to write junit.xml, summary.json and report.html (default: beside EVENTS)")
  Path reportDir;

  @Option(
      names = "--suite",
      paramLabel = "NAME",
      description = "test-suite name in the JUnit XML (default: the file)")
  String suite;

  @Option(
      names = "--acceptance",
      paramLabel = "FILE",
      description = "SLA thresholds (YAML) judged against the events' KPIs")
  Path acceptance;

  @Option(
      names = "--report-sample",
      paramLabel = "N",
      description =
          "passed sessions drawn as diagrams besides the failed ones (default: all; 5"
              + " for a load run)")
  Integer reportSample;

  @Option(
      names = "--report-detail",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "drawn sessions (failed ones first) whose messages are decoded (default"
              + " ${DEFAULT-VALUE})")
  int reportDetail;

  @Option(names = "--kpis", description = "print the KPI table")
  boolean kpis;

  @Override
  public Integer call() throws IOException {
    List<Path> files = new ArrayList<>(merge);
    if (events != null) {
      files.add(0, events);
    }
    if (files.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give an events.jsonl file, or --merge with the shards' files");
    }
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new NoSuchFileException(f + " (no such events file; runs write events.jsonl)");
      }
    }
    Acceptance criteria = acceptance == null ? null : Acceptance.load(acceptance);
    Path dir = reportDir != null ? reportDir : files.get(0).toAbsolutePath().getParent();
    Files.createDirectories(dir);
    List<Event> all = files.size() == 1 ? EventsJsonl.read(files.get(0)) : MergedEvents.read(files);
    if (files.size() > 1) {
      // the merged log, so that the report can be rebuilt from one file later
      try (var w = Files.newBufferedWriter(dir.resolve("events.jsonl"));
          var sink = EventsJsonl.writer(w)) {
        all.forEach(sink::accept);
      }
    }
    HtmlReport.Options html = options(all);
    RunResult result =
        Reports.writeAll(
            all,
            dir,
            suite != null ? suite : files.get(0).getFileName().toString(),
            criteria,
            html);
    RunSummary run = result.run();
    int exit = result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    String where =
        "reports in " + dir + (files.size() > 1 ? " (" + files.size() + " event logs merged)" : "");
    if (output.json()) {
      JsonLines lines = OutputOptions.jsonLines(spec);
      for (ScenarioSummary s : run.scenarios()) {
        lines.item(
            s.result() + " " + s.name(),
            JsonLines.data(
                "scenario",
                s.name(),
                "passed",
                s.result() == ScenarioSummary.Result.PASSED,
                "millis",
                s.durationNanos() / 1_000_000,
                "failure",
                s.failure().map(StepSummary::oneLine).orElse(null)));
      }
      String totals = run.passed() + " passed, " + run.failed() + " failed; " + where;
      Map<String, Object> data =
          JsonLines.data(
              "passed",
              run.passed(),
              "failed",
              run.failed(),
              "reportDir",
              dir.toString(),
              "result",
              result.result(),
              "why",
              result.failures());
      if (exit == ExitCodes.OK) {
        lines.ok(totals, data);
      } else {
        lines.result(exit, "failed", "", totals, data);
      }
      return exit;
    }
    ConsoleSummary table =
        new ConsoleSummary(ConsoleSummary.terminalWidth(), output.colors().enabled());
    if (result.loadRun()) {
      // a load run is judged by its KPIs, gates and thresholds, not by single downloads
      if (result.acceptance() != null) {
        System.out.print(table.renderVerdict(result.acceptance()));
      }
    } else {
      if (!output.quiet()) {
        System.out.print(table.render(run, result.acceptance()));
      } else if (result.acceptance() != null) {
        System.out.print(table.renderVerdict(result.acceptance()));
      }
      System.out.print(table.renderFailures(run));
    }
    if (kpis || result.loadRun()) {
      System.out.print(KpiTable.render(result.kpis()));
    }
    System.out.println(where);
    result.failures().forEach(w -> System.out.println("  " + w));
    System.out.println("result: " + result.result());
    return exit;
  }

  private HtmlReport.Options options(List<Event> all) {
    if (reportSample != null) {
      return new HtmlReport.Options(reportSample, reportDetail);
    }
    // a load run's log has load steps and no scenario marker (a step with an empty name)
    boolean load = false;
    for (Event e : all) {
      if (e.payload() instanceof org.rspharness.core.event.EventPayload.StepStarted s) {
        if (s.step() == null || s.step().isEmpty()) {
          load = false;
          break;
        }
        load |= RunResult.LOAD.equals(s.scenario());
      }
    }
    return new HtmlReport.Options(
        load ? HtmlReport.Options.LOAD.sample() : Integer.MAX_VALUE, reportDetail);
  }
}
