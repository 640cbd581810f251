package org.rspharness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.report.ConsoleSummary;
import org.rspharness.scenario.report.Reports;
import org.rspharness.scenario.report.RunSummary;
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

  @Parameters(paramLabel = "EVENTS", description = "the events.jsonl of a run")
  Path events;

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      description =
          "where to write junit.xml, summary.json and report.html (default: beside EVENTS)")
  Path reportDir;

  @Option(names = "--suite", description = "test-suite name in the JUnit XML (default: the file)")
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
    System.out.print(ConsoleSummary.plain().render(run));
    System.out.println("reports in " + dir);
    return run.allPassed() ? 0 : 1;
  }
}
