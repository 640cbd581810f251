package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.scenario.report.Reports;

/**
 * One path builds every report: {@code rsp-harness report} over the events.jsonl of a run writes
 * the same HTML report (KPI charts and acceptance verdict included), JSON summary and JUnit XML as
 * the run itself wrote.
 */
class ReportMatchesRunTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  @Test
  void reportOverARunsEventsWritesTheRunsReportsByteForByte(@TempDir Path dir) throws Exception {
    Path sla =
        Files.writeString(
            dir.resolve("sla.yaml"),
            "acceptance:\n  name: lab\n  thresholds:\n    - {kpi: successRate, min: 95%}\n");
    Path run = dir.resolve("run");
    cli.ok(
        "run",
        RunCommandTest.SCENARIO,
        "--acceptance",
        sla.toString(),
        "--report-dir",
        run.toString());

    Path again = dir.resolve("again");
    cli.ok(
        "report",
        run.resolve("events.jsonl").toString(),
        "--acceptance",
        sla.toString(),
        "--suite",
        Path.of(RunCommandTest.SCENARIO).getFileName().toString(),
        "--report-dir",
        again.toString());

    assertThat(Files.readString(run.resolve(Reports.HTML)))
        .contains("id=\"acceptance\"")
        .contains("<figure class=\"chart\"><figcaption>ES10 command latency");
    for (String file : List.of(Reports.HTML, Reports.JSON, Reports.JUNIT)) {
      assertThat(Files.readString(again.resolve(file)))
          .as(file)
          .isEqualTo(Files.readString(run.resolve(file)));
    }
  }
}
