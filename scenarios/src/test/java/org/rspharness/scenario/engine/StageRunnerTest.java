package org.rspharness.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.load.LoadRunner;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.model.ScenarioLoader;

/** Staged rollouts: stages run in order against the scenario's SM-DP+, each gating the next. */
class StageRunnerTest {

  private static ScenarioOutcome run(Path file, RecordingSink sink) {
    EventLog log = EventLog.system().addSink(sink);
    try (ScenarioEngine engine =
        new ScenarioEngine(new ScenarioEngine.Options(1, null, null), log)) {
      return engine.run(ScenarioLoader.load(file));
    }
  }

  private static List<String> stageSteps(RecordingSink sink, String scenario) {
    return sink.payloads(EventPayload.StepStarted.class)
        .filter(s -> s.scenario().equals(scenario) && StageRunner.ACTION.equals(s.action()))
        .map(EventPayload.StepStarted::step)
        .toList();
  }

  private static long downloads(RecordingSink sink) {
    return sink.payloads(EventPayload.StepStarted.class)
        .filter(s -> s.scenario().equals(LoadRunner.SCENARIO) && Kpis.DOWNLOAD.equals(s.action()))
        .count();
  }

  @Test
  void aFailedGateFailsTheScenarioAndTheNextStageDoesNotRun() {
    RecordingSink sink = new RecordingSink();
    ScenarioOutcome o = run(Path.of("src/test/resources/stages/gate-fails.yaml"), sink);

    assertThat(o.passed()).isFalse();
    assertThat(o.failure())
        .startsWith("stage:pilot: gate failed: timeToActivate.p95 = ")
        .contains("(limit <= 1.00ms)")
        .endsWith("; not run: wave-1");
    assertThat(o.failure()).as("the pilot itself downloaded fine").doesNotContain("successRate");
    assertThat(stageSteps(sink, o.name())).containsExactly("stage:pilot");
    EventPayload.StepFinished pilot =
        sink.payloads(EventPayload.StepFinished.class)
            .filter(f -> f.step().equals("stage:pilot"))
            .findFirst()
            .orElseThrow();
    assertThat(pilot.ok()).isFalse();
    assertThat(pilot.message()).startsWith("2/2 activations ok, successRate 100.0 %");
    assertThat(downloads(sink)).as("only the pilot's 2 devices downloaded").isEqualTo(2);
    assertThat(sink.payloads(EventPayload.Note.class).map(EventPayload.Note::text))
        .contains("stage wave-1: not run (stage pilot failed)")
        .anySatisfy(t -> assertThat(t).startsWith("stage pilot: FAIL  timeToActivate.p95 = "))
        .anySatisfy(t -> assertThat(t).startsWith("stage pilot: PASS  successRate = 100.0 %"));
  }

  @Test
  void theLibrarysStagedRolloutPassesItsGateUnderItsNetworkProfile() {
    RecordingSink sink = new RecordingSink();
    ScenarioOutcome o = run(Path.of("library/staged-rollout.yaml"), sink);

    assertThat(o.passed()).as(o.failure()).isTrue();
    assertThat(stageSteps(sink, o.name())).containsExactly("stage:pilot", "stage:wave-1");
    assertThat(
            sink.payloads(EventPayload.StepFinished.class)
                .filter(f -> f.step().startsWith("stage:")))
        .allSatisfy(f -> assertThat(f.ok()).as(f.message()).isTrue())
        .anySatisfy(f -> assertThat(f.message()).contains("gate passed (2 thresholds met)"));
    assertThat(downloads(sink)).isGreaterThanOrEqualTo(10 + 20);
    // the scenario's network profile reached the virtual devices' client side
    assertThat(
            sink.events().stream()
                .filter(e -> e.payload() instanceof EventPayload.FaultInjected)
                .filter(e -> e.source().endsWith("@staged-rollout")))
        .hasSizeGreaterThanOrEqualTo(30);
  }
}
