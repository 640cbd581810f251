package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.kpi.Kpis;

class LoadCommandTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  @Test
  void runsALoadPrintsKpisAndExitsOneWhenAThresholdIsMissed(@TempDir Path dir) throws Exception {
    Path sla =
        Files.writeString(
            dir.resolve("sla.yaml"),
            """
            acceptance:
              name: smoke
              thresholds:
                - {kpi: successRate, min: 95%}
                - {kpi: timeToActivate.p95, max: 1ms}
            """);
    Path events = dir.resolve("events.jsonl");
    String text =
        cli.expect(
            1,
            "load",
            "--devices",
            "3",
            "--concurrency",
            "2",
            "--count",
            "4",
            "--enable",
            "--quiet",
            "--seed",
            "9",
            "--acceptance",
            sla.toString(),
            "--events",
            events.toString());
    assertThat(text)
        .contains("load: 3 devices, concurrency 2, 4 activations (download + enable), nist")
        .contains("success rate                         100.0 %")
        .contains("activations                          4")
        .contains("stress                               none (no network profile, no fault rules)")
        .contains("PASS  successRate = 100.0 % (limit >= 95.0 %)")
        .contains("FAIL  timeToActivate.p95 = ")
        .contains("verdict: FAILED (1 of 2 thresholds missed: timeToActivate.p95)")
        .contains("result: FAILED");
    // the events file holds the whole run: the same KPIs come out of it
    Kpis fromFile = Kpis.of(EventsJsonl.read(events));
    assertThat(fromFile.downloadAttempts()).isEqualTo(4);
    assertThat(fromFile.downloadSuccesses()).isEqualTo(4);
    assertThat(fromFile.stepsByAction().get("enable").count()).isEqualTo(4);
    assertThat(fromFile.devices()).isEqualTo(3);
  }

  @Test
  void aBrokenAcceptanceFileStopsBeforeTheRunWithOneLine(@TempDir Path dir) throws Exception {
    Path sla =
        Files.writeString(
            dir.resolve("sla.yaml"),
            "acceptance:\n  name: x\n  thresholds:\n    - {kpi: successRate, mni: 95%}\n");
    cli.expect(2, "load", "--count", "1", "--acceptance", sla.toString());
    assertThat(cli.err().strip())
        .isEqualTo(
            "rsp-harness: "
                + sla
                + ":4:26: field 'acceptance.thresholds[0].mni': unknown field; expected one of"
                + " [kpi, max, min]");
    assertThat(cli.out()).doesNotContain("load:");
  }

  @Test
  void aRemoteSmdpNeedsItsPkiAndMatchingIds() {
    cli.expect(2, "load", "--smdp", "https://smdp.example.com");
    assertThat(cli.err()).contains("--smdp needs --pki DIR");
  }

  @Test
  void durationAndCountExcludeEachOther() {
    cli.expect(2, "load", "--duration", "5s", "--count", "3");
    assertThat(cli.err()).contains("mutually exclusive");
  }
}
