package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;

/**
 * {@code rsp-harness load} under stress: a network profile and fault rules applied to every device
 * connection (and said in the output), the README's acceptance example as written, and staged
 * rollouts from the command line and from a load file.
 */
class LoadStressTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  /** The README's acceptance file, exactly as the README shows it. */
  private static String readmeAcceptance() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m =
        Pattern.compile(
                "cat > sla.yaml <<'YAML'\n(acceptance:\n  name: pilot\n.*?)YAML\n", Pattern.DOTALL)
            .matcher(readme);
    assertThat(m.find()).as("the README shows an acceptance file").isTrue();
    return m.group(1);
  }

  private static final String RESET_EVERY_AUTHENTICATION =
      """
      faults:
        rules:
          - {layer: network-client, target: initiateAuthentication, occurrence: 0, point: response-start, fault: reset}
      """;

  @Test
  void theReadmeAcceptanceExamplePassesARunThatHoldsAndFailsAStressedOneSayingWhy(@TempDir Path dir)
      throws Exception {
    String sla = readmeAcceptance();
    assertThat(sla).contains("networkProfile: 3g-poor").contains("{kpi: mttr, max: 60s}");
    Path file = Files.writeString(dir.resolve("sla.yaml"), sla);

    // as written: the file's 3g-poor profile is applied to the devices; the run holds
    String passed =
        cli.ok(
            "load",
            "--devices",
            "2",
            "--concurrency",
            "2",
            "--attempts",
            "3",
            "--seed",
            "3",
            "--quiet",
            "--acceptance",
            file.toString());
    assertThat(passed)
        .contains("stress: network 3g-poor (latency 400ms +- 200ms, bandwidth 384 kbit/s")
        .contains("PASS  successRate = 100.0 % (limit >= 95.0 %)")
        .contains("PASS  mttr = ")
        .contains("verdict: PASSED (3 thresholds met)")
        .contains("result: PASSED");

    // the same file, a run whose every authentication is reset: it misses, and says why
    Path faults = Files.writeString(dir.resolve("faults.yaml"), RESET_EVERY_AUTHENTICATION);
    Path reports = dir.resolve("stressed");
    String failed =
        cli.expect(
            1,
            "load",
            "--devices",
            "2",
            "--concurrency",
            "2",
            "--attempts",
            "2",
            "--seed",
            "3",
            "--quiet",
            "--acceptance",
            file.toString(),
            "--faults",
            faults.toString(),
            "--report-dir",
            reports.toString());
    assertThat(failed)
        .contains("stress: network 3g-poor")
        .contains("fault rules from " + faults + ": network-client initiateAuthentication")
        .contains("FAIL  successRate = 0.0 % (limit >= 95.0 %)")
        .contains("FAIL  mttr = not measured (2 failures never recovered) (limit <= 60.00s)")
        .contains("verdict: FAILED (3 of 3 thresholds missed: successRate, timeToActivate.p95,")
        .contains("acceptance 'pilot': successRate = 0.0 % (limit >= 95.0 %)")
        .contains("interrupted at initiateAuthentication response-start 4")
        .contains("result: FAILED");
    // summary.json says the same as the exit code, and carries the KPIs
    JsonNode summary = new ObjectMapper().readTree(reports.resolve("summary.json").toFile());
    assertThat(summary.path("result").asText()).isEqualTo("FAILED");
    assertThat(summary.path("kpis").path("successRate").asDouble()).isZero();
    assertThat(summary.path("kpis").path("attempts").asInt()).isEqualTo(4);
    assertThat(summary.path("stress").get(0).asText()).startsWith("network 3g-poor");
    assertThat(summary.path("why").toString()).contains("successRate = 0.0 %");
  }

  @Test
  void aNetworkProfileOfYourOwnHitsEveryDeviceConnectionAndTheOutputSaysSo(@TempDir Path dir)
      throws Exception {
    Path events = dir.resolve("events.jsonl");
    String t =
        cli.ok(
            "load",
            "--devices",
            "2",
            "--count",
            "2",
            "--concurrency",
            "2",
            "--quiet",
            "--network",
            "latency=5ms,jitter=1ms,bandwidth=2mbit,reset=0%",
            "--events",
            events.toString());
    assertThat(t)
        .contains(
            "stress: network latency=5ms,jitter=1ms,bandwidth=2mbit,reset=0% (latency 5ms +- 1ms,"
                + " bandwidth 2000 kbit/s, loss 0 %, resets 0 %)")
        .contains("stress                               network latency=5ms");
    List<Event> all = EventsJsonl.read(events);
    // every exchange of both devices was paced, and its fault event names the device
    long http = all.stream().filter(e -> e.payload() instanceof EventPayload.HttpExchange).count();
    for (String device : List.of("dev0", "dev1")) {
      assertThat(
              all.stream()
                  .filter(
                      e ->
                          e.payload() instanceof EventPayload.FaultInjected f
                              && f.fault().startsWith("latency")
                              && e.source().equals("fault/network-client/" + device))
                  .count())
          .as(device)
          .isPositive();
    }
    assertThat(
            all.stream()
                .filter(
                    e ->
                        e.payload() instanceof EventPayload.FaultInjected f
                            && f.fault().startsWith("latency"))
                .count())
        .isEqualTo(http);

    cli.expect(2, "load", "--count", "1", "--network", "5g-ultra");
    assertThat(cli.err())
        .contains("--network: expected one of [3g-poor, 3g, 4g, lossy] or latency=");
  }

  @Test
  void theAcceptanceFilesProfileAndTheCommandLineMustAgree(@TempDir Path dir) throws Exception {
    Path sla =
        Files.writeString(
            dir.resolve("sla.yaml"),
            "acceptance:\n  name: p\n  networkProfile: 4g\n  thresholds:\n"
                + "    - {kpi: successRate, min: 95%}\n");
    cli.expect(2, "load", "--count", "1", "--network", "3g-poor", "--acceptance", sla.toString());
    assertThat(cli.err())
        .contains("is judged under network profile 4g, but the run asks for 3g-poor");
  }

  @Test
  void stagesFromTheCommandLineRunInOrderAndAMissedGateStopsTheRollout(@TempDir Path dir)
      throws Exception {
    String t =
        cli.ok(
            "load",
            "--quiet",
            "--stage",
            "canary:devices=2,concurrency=2,gate=successRate>=100%",
            "--stage",
            "rest:devices=3,concurrency=3");
    assertThat(t)
        .contains("2 stages (canary 2, rest 3)")
        .contains("stage canary: 2/2 activations ok; gate passed (1 thresholds met)")
        .contains("stage rest: 3/3 activations ok")
        .contains("activations                          5")
        .contains("result: PASSED");

    Path reports = dir.resolve("r");
    t =
        cli.expect(
            1,
            "load",
            "--quiet",
            "--stage",
            "canary:devices=2,gate=timeToActivate.p95<=1ms",
            "--stage",
            "rest:devices=2",
            "--report-dir",
            reports.toString());
    assertThat(t)
        .contains("stage canary: 2/2 activations ok; gate failed: timeToActivate.p95 = ")
        .contains("stage rest: not run")
        .contains("stage:canary: ")
        .contains("result: FAILED");
    JsonNode summary = new ObjectMapper().readTree(reports.resolve("summary.json").toFile());
    assertThat(summary.path("result").asText()).isEqualTo("FAILED");
    assertThat(summary.path("why").get(0).asText()).startsWith("stage:canary: ");
    assertThat(summary.path("kpis").path("activations").asInt()).isEqualTo(2);

    cli.expect(2, "load", "--stage", "x:devices=2,gate=successRate=95%");
    assertThat(cli.err())
        .contains("--stage 'x:devices=2,gate=successRate=95%': gate 'successRate=95%': expected");
  }

  @Test
  void aLoadFileGivesTheStagesAndTheFaultsInOneCommand(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("rollout.yaml"),
            """
            load:
              stages:
                - {name: canary, devices: 2, concurrency: 2, attempts: 2, acceptance: {thresholds: [{kpi: successRate, min: 100%}]}}
                - {name: wider, devices: 2, concurrency: 2, attempts: 2}
            faults:
              rules:
                - {layer: network-client, target: getBoundProfilePackage, occurrence: 1, point: response-start, fault: reset}
            """);
    String t = cli.ok("load", "--quiet", "--load-file", file.toString());
    // each device's first getBoundProfilePackage is reset, its retry installs: 4 recoveries
    assertThat(t)
        .contains("stress: fault rules from " + file + ": network-client getBoundProfilePackage")
        .contains("stage canary: 2/2 activations ok; gate passed")
        .contains("stage wider: 2/2 activations ok")
        .contains("  success rate                         100.0 %")
        .contains("  retries                              4")
        .contains("    recovered                          4")
        .contains("interrupted at getBoundProfilePackage response-start 4");
  }
}
