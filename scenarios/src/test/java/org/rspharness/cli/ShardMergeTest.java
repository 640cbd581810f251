package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;

/**
 * Shards: three processes each run {@code load --shard i/3} on a disjoint range of the devices;
 * {@code report --merge} of their events gives one report and one verdict equal to those of one
 * process running all the devices.
 */
class ShardMergeTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  private static final String[] RUN = {
    "load", "--devices", "6", "--count", "6", "--concurrency", "2", "--seed", "4", "--quiet"
  };

  @Test
  void threeShardProcessesMergeIntoTheReportOfOneProcess(@TempDir Path dir) throws Exception {
    Path sla =
        Files.writeString(
            dir.resolve("sla.yaml"),
            "acceptance:\n  name: shards\n  thresholds:\n    - {kpi: successRate, min: 95%}\n"
                + "    - {kpi: mttr, max: 60s}\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> shards = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  java, "-cp", System.getProperty("java.class.path"), RspHarness.class.getName()));
      command.addAll(List.of(RUN));
      command.addAll(
          List.of(
              "--shard", i + "/3", "--events", dir.resolve("shard-" + i + ".jsonl").toString()));
      shards.add(
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("shard-" + i + ".out").toFile())
              .start());
    }
    for (int i = 0; i < 3; i++) {
      Process p = shards.get(i);
      try {
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("shard " + i + " finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("shard-" + i + ".out"))).isZero();
      } finally {
        p.destroyForcibly();
      }
    }
    // each shard ran its own devices, and together they are all the devices
    List<Set<String>> devices = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      devices.add(devices(dir.resolve("shard-" + i + ".jsonl")));
      assertThat(Files.readString(dir.resolve("shard-" + i + ".out")))
          .contains("load: shard " + i + "/3, 2 devices (" + (2 * i) + ".." + (2 * i + 1) + ")");
    }
    assertThat(devices.get(0)).doesNotContainAnyElementsOf(devices.get(1));
    assertThat(devices.get(1)).doesNotContainAnyElementsOf(devices.get(2));

    String text =
        cli.ok(
            "report",
            "--merge",
            dir.resolve("shard-0.jsonl").toString(),
            dir.resolve("shard-1.jsonl").toString(),
            dir.resolve("shard-2.jsonl").toString(),
            "--acceptance",
            sla.toString(),
            "--report-dir",
            dir.resolve("merged").toString());
    assertThat(text).contains("(3 event logs merged)");
    List<String> one = new ArrayList<>(List.of(RUN));
    one.addAll(
        List.of("--acceptance", sla.toString(), "--report-dir", dir.resolve("one").toString()));
    cli.ok(one.toArray(String[]::new));

    Set<String> all = new TreeSet<>();
    devices.forEach(all::addAll);
    assertThat(devices(dir.resolve("merged").resolve("events.jsonl")))
        .isEqualTo(all)
        .isEqualTo(devices(dir.resolve("one").resolve("events.jsonl")))
        .hasSize(6);
    JsonNode m = new ObjectMapper().readTree(dir.resolve("merged/summary.json").toFile());
    JsonNode o = new ObjectMapper().readTree(dir.resolve("one/summary.json").toFile());
    assertThat(m.path("result").asText()).isEqualTo(o.path("result").asText()).isEqualTo("PASSED");
    for (String kpi :
        List.of(
            "devices",
            "activations",
            "activations.success",
            "activations.failure",
            "attempts",
            "attempts.success",
            "retries",
            "failuresToRecover",
            "successRate")) {
      assertThat(m.path("kpis").path(kpi).asDouble())
          .as(kpi)
          .isEqualTo(o.path("kpis").path(kpi).asDouble());
    }
    assertThat(m.path("acceptance").path("result").asText())
        .isEqualTo(o.path("acceptance").path("result").asText());
    assertThat(m.path("kpis").path("timeToActivate.p50").isNumber()).isTrue();
  }

  private static Set<String> devices(Path events) throws Exception {
    Set<String> out = new TreeSet<>();
    EventsJsonl.read(events).stream()
        .map(e -> e.payload())
        .filter(p -> p instanceof EventPayload.StepStarted s && s.device() != null)
        .forEach(p -> out.add(((EventPayload.StepStarted) p).device()));
    return out;
  }
}
