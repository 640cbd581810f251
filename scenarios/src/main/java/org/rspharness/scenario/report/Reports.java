package org.rspharness.scenario.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.kpi.Acceptance;

/**
 * Every report of a run at once, from its events: what {@code rsp-harness report events.jsonl} and
 * the end of {@code rsp-harness run} call.
 */
public final class Reports {

  /** File names written into the report directory. */
  public static final String JUNIT = "junit.xml";

  /** The JSON summary's file name. */
  public static final String JSON = "summary.json";

  /** The HTML report's file name. */
  public static final String HTML = "report.html";

  private Reports() {}

  /** Reads an events.jsonl file and summarises it (malformed lines fail with file:line). */
  public static RunSummary summarise(Path eventsJsonl) throws IOException {
    return RunSummary.of(EventsJsonl.read(eventsJsonl));
  }

  /**
   * Writes {@value #JUNIT}, {@value #JSON} and {@value #HTML} into {@code dir} (created if missing)
   * as {@link #writeAll(List, Path, String, Acceptance, HtmlReport.Options)} does without
   * acceptance criteria, and returns the summary, for the console table and the exit code.
   */
  public static RunSummary writeAll(List<Event> events, Path dir, String suiteName)
      throws IOException {
    return writeAll(events, dir, suiteName, null, HtmlReport.Options.DEFAULTS).run();
  }

  /**
   * Every report of a run's one result, from its events: the KPIs computed once, judged once
   * against {@code criteria} (may be null; a verdict goes into every report: a threshold | limit |
   * measured | result table in the HTML, an {@code acceptance} object in the JSON summary, one
   * testcase per threshold in the JUnit XML), the KPI charts drawn; returns that result (its exit
   * code is the command's). {@code rsp-harness run}, {@code load} and {@code report} all write
   * their reports here, so that a report rebuilt from a run's events is the run's own.
   */
  public static RunResult writeAll(
      List<Event> events, Path dir, String suiteName, Acceptance criteria, HtmlReport.Options html)
      throws IOException {
    RunResult result = RunResult.of(events, criteria);
    write(result, dir, suiteName, KpiCharts.of(events, result.kpis()), html);
    return result;
  }

  private static void write(
      RunResult result, Path dir, String suiteName, List<KpiChart> charts, HtmlReport.Options html)
      throws IOException {
    Files.createDirectories(dir);
    new JunitXmlReport(suiteName).write(result, dir.resolve(JUNIT));
    JsonSummaryReport.write(result, dir.resolve(JSON));
    HtmlReport.write(result, charts, html, dir.resolve(HTML));
  }
}
