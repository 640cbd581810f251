package org.rspharness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.report.ConsoleSummary;
import org.rspharness.scenario.report.Reports;
import org.rspharness.scenario.report.RunSummary;
import org.rspharness.scenario.report.ScenarioSummary;
import org.rspharness.scenario.report.StepSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rsp-harness report events.jsonl}: rebuilds every report of a run from its event log alone,
 * so a run recorded on one machine can be reported on another.
 */
@Command(
    name = "report",
    description = "Rebuild the reports (JUnit XML, JSON summary, HTML) from an events.jsonl file.")
final class ReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Parameters(paramLabel = "EVENTS", description = "the events.jsonl of a run")
  Path events;

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

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(events)) {
      throw new NoSuchFileException(events + " (no such events file; runs write events.jsonl)");
    }
    Path dir = reportDir != null ? reportDir : events.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    RunSummary run =
        Reports.writeAll(
            EventsJsonl.read(events), dir, suite != null ? suite : events.getFileName().toString());
    int exit = run.allPassed() ? ExitCodes.OK : ExitCodes.FAILED;
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
      String totals = run.passed() + " passed, " + run.failed() + " failed; reports in " + dir;
      Map<String, Object> data =
          JsonLines.data(
              "passed", run.passed(), "failed", run.failed(), "reportDir", dir.toString());
      if (exit == ExitCodes.OK) {
        lines.ok(totals, data);
      } else {
        lines.result(exit, "failed", "", totals, data);
      }
      return exit;
    }
    ConsoleSummary table =
        new ConsoleSummary(ConsoleSummary.terminalWidth(), output.colors().enabled());
    if (!output.quiet()) {
      System.out.print(table.render(run));
    }
    System.out.print(table.renderFailures(run));
    System.out.println("reports in " + dir);
    return exit;
  }
}
