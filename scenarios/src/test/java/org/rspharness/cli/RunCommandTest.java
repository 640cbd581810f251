package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.scenario.report.Reports;

/** {@code rsp-harness run}: exit codes, reports, acceptance thresholds and load errors. */
class RunCommandTest {

  static final String SCENARIO = "library/nominal-download-nist.yaml";

  @RegisterExtension final CliFixture cli = new CliFixture();

  @Test
  void aPassingRunMetItsThresholdsExitsZeroWithEveryReport(@TempDir Path dir) throws Exception {
    Path sla =
        Files.writeString(
            dir.resolve("sla.yaml"),
            "acceptance:\n  name: lab\n  thresholds:\n    - {kpi: successRate, min: 95%}\n");
    Path reports = dir.resolve("out");
    cli.ok(
        "run",
        SCENARIO,
        "--acceptance",
        sla.toString(),
        "--report-dir",
        reports.toString(),
        "--junit",
        dir.resolve("ci/junit.xml").toString());
    assertThat(reports.resolve("events.jsonl")).isNotEmptyFile();
    assertThat(reports.resolve(Reports.HTML)).isNotEmptyFile();
    assertThat(reports.resolve(Reports.JSON)).content().contains("\"acceptance\"");
    assertThat(dir.resolve("ci/junit.xml")).content().contains("nominal-download-nist");
    assertThat(cli.out()).contains("1 passed, 0 failed").contains("PASS  successRate = 100.0 %");
  }

  @Test
  void aMissedThresholdFailsTheRunThoughEveryScenarioPassed(@TempDir Path dir) throws Exception {
    Path sla =
        Files.writeString(
            dir.resolve("sla.yaml"),
            "acceptance:\n  name: strict\n  thresholds:\n    - {kpi: timeToActivate.p95, max: 1ms}\n");
    cli.expect(
        1,
        "run",
        SCENARIO,
        "--acceptance",
        sla.toString(),
        "--report-dir",
        dir.resolve("out").toString());
    assertThat(cli.out()).contains("1 passed, 0 failed").contains("FAIL  timeToActivate.p95");
  }

  @Test
  void aScenarioWithATypoStopsBeforeRunningWithOneLine(@TempDir Path dir) throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"),
            Files.readString(Path.of(SCENARIO)).replace("activationCode:", "activationcode:"));
    cli.expect(2, "run", bad.toString(), "--report-dir", dir.toString());
    assertThat(cli.err().strip())
        .startsWith("rsp-harness: " + bad)
        .contains("field 'steps[2].download.activationcode': unknown field")
        .doesNotContain("\n")
        .doesNotContain("Exception");
    assertThat(dir.resolve("events.jsonl")).doesNotExist();
  }

  @Test
  void quietPrintsOnlyFailuresAndTheTotalsWithoutColourUnderNoColor(@TempDir Path dir)
      throws Exception {
    String text = cli.ok("run", SCENARIO, "--quiet", "--no-color", "--report-dir", dir.toString());
    assertThat(text)
        .contains("1 scenarios, 1 passed, 0 failed")
        .doesNotContain("SCENARIO")
        .doesNotContain("PASS nominal")
        .doesNotContain("\u001b[");
  }
}
