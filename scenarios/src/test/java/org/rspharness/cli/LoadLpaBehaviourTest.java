package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.report.Reports;

/**
 * LPA behaviour profiles in load runs: {@code load --lpa-behaviour}, the {@code lpa} of a load file
 * and of a scenario's {@code load:} block reach every virtual device (seen in the APDUs and TLS
 * connections it makes) and are named on the console and in summary.json.
 */
class LoadLpaBehaviourTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  /** The data length of each STORE DATA block (INS E2) the LPAs sent. */
  private static List<Integer> storeDataBlockSizes(List<Event> events) {
    return events.stream()
        .filter(e -> e.payload() instanceof EventPayload.ApduExchange)
        .map(e -> ((EventPayload.ApduExchange) e.payload()).command())
        .filter(c -> c.length > 5 && (c[1] & 0xFF) == 0xE2)
        .map(c -> c[4] & 0xFF)
        .toList();
  }

  @Test
  void loadWithLpaBehaviourUsesItOnEveryDeviceAndReportsIt(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("out");
    String text =
        cli.ok(
            "load",
            "--devices",
            "2",
            "--concurrency",
            "1",
            "--count",
            "2",
            "--seed",
            "4",
            "--lpa-behaviour",
            "spec,storeDataBlockSize=200,connectionPerCall=true",
            "--report-dir",
            reports.toString());
    assertThat(text)
        .contains(
            "devices: LPA spec (STORE DATA 200 bytes, logical channel," + " connection per call,");
    assertThat(reports.resolve(Reports.JSON))
        .content()
        .containsPattern("\"lpaBehaviours\" : \\[ \"load: spec \\(STORE DATA 200 bytes");
    List<Event> events = EventsJsonl.read(reports.resolve("events.jsonl"));
    // every full block is 200 bytes, none 120 (the spec preset's size)
    assertThat(storeDataBlockSizes(events))
        .contains(200)
        .doesNotContain(120)
        .allMatch(n -> n <= 200);
    // a TLS connection per ES9+ call (the SM-DP+ logs each handshake): at least initiate,
    // authenticate, getBoundProfilePackage and the notification, per activation
    long handshakes =
        events.stream().filter(e -> e.payload() instanceof EventPayload.TlsHandshake).count();
    assertThat(handshakes).isGreaterThanOrEqualTo(2 * 4);
  }

  @Test
  void anUnknownPresetIsAOneLineUsageError() {
    cli.expect(2, "load", "--count", "1", "--lpa-behaviour", "nokia");
    assertThat(cli.err())
        .contains("--lpa-behaviour 'nokia': preset: unknown 'nokia'; one of [spec, lpac,");
  }

  @Test
  void aLoadFileNamesTheBehaviourOfItsDevices(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("rollout.yaml"),
            """
            load:
              lpa: {preset: lpac, storeDataBlockSize: 64}
              stages:
                - {name: pilot, devices: 1, count: 1}
            """);
    Path events = dir.resolve("events.jsonl");
    String text =
        cli.ok("load", "--load-file", file.toString(), "--quiet", "--events", events.toString());
    assertThat(text).contains("devices: LPA lpac (STORE DATA 64 bytes");
    assertThat(storeDataBlockSizes(EventsJsonl.read(events))).contains(64).allMatch(n -> n <= 64);
    // and the file's behaviour cannot be contradicted on the command line
    cli.expect(2, "load", "--load-file", file.toString(), "--lpa-behaviour", "chromeos-hermes");
  }

  @Test
  void aScenarioLoadBlockNamesTheBehaviourInItsReports(@TempDir Path dir) throws Exception {
    Path scenario =
        Files.writeString(
            dir.resolve("rollout.yaml"),
            """
            name: rollout-lpac
            topology:
              smdp:
                inventory:
                  profiles: []
              devices:
                - name: template
            load:
              lpa: {preset: lpac, storeDataBlockSize: 80}
              stages:
                - {name: pilot, devices: 1, count: 1}
            """);
    Path reports = dir.resolve("out");
    String text = cli.runScenario(scenario, reports);
    assertThat(text).contains("LPA behaviour load: lpac (STORE DATA 80 bytes");
    assertThat(reports.resolve(Reports.JSON))
        .content()
        .containsPattern("\"lpaBehaviours\" : \\[ \"load: lpac \\(STORE DATA 80 bytes");
    assertThat(storeDataBlockSizes(EventsJsonl.read(reports.resolve("events.jsonl"))))
        .contains(80)
        .allMatch(n -> n <= 80);
  }
}
