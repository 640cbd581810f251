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
   * and returns the summary, for the console table and the exit code.
   */
  public static RunSummary writeAll(List<Event> events, Path dir, String suiteName)
      throws IOException {
    return writeAll(events, dir, suiteName, List.of());
  }

  /** As {@link #writeAll(List, Path, String)}, with KPI charts in the HTML report. */
  public static RunSummary writeAll(
      List<Event> events, Path dir, String suiteName, List<KpiChart> kpis) throws IOException {
    return writeAll(events, dir, suiteName, kpis, null);
  }

  /**
   * As {@link #writeAll(List, Path, String, List)}, with the acceptance verdict (may be null) in
   * every report: a threshold | limit | measured | result table in the HTML, an {@code acceptance}
   * object in the JSON summary, one testcase per threshold in the JUnit XML.
   */
  public static RunSummary writeAll(
      List<Event> events,
      Path dir,
      String suiteName,
      List<KpiChart> kpis,
      Acceptance.Verdict verdict)
      throws IOException {
    RunSummary run = RunSummary.of(events);
    Files.createDirectories(dir);
    new JunitXmlReport(suiteName).write(run, verdict, dir.resolve(JUNIT));
    JsonSummaryReport.write(run, verdict, dir.resolve(JSON));
    HtmlReport.write(run, kpis, verdict, dir.resolve(HTML));
    return run;
  }
}
