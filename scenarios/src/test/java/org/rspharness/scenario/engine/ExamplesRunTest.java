package org.rspharness.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.ScenarioLoader;

class ExamplesRunTest {

  @Test
  void theExampleScenariosPass() {
    RecordingSink sink = new RecordingSink();
    EventLog log = EventLog.system().addSink(sink);
    Path dir = Path.of("src/test/resources/scenarios-examples");
    List<Scenario> all =
        List.of(
            ScenarioLoader.load(dir.resolve("nominal-download-nist.yaml")),
            ScenarioLoader.load(dir.resolve("confirmation-code-wrong-then-right.yaml")),
            ScenarioLoader.load(dir.resolve("profile-swap.yaml")));
    try (ScenarioEngine engine = new ScenarioEngine(ScenarioEngine.Options.defaults(), log)) {
      List<ScenarioOutcome> out = engine.run(all, new ScenarioEngine.Listener() {});
      sink.payloads(EventPayload.StepFinished.class)
          .filter(f -> !f.ok())
          .forEach(f -> System.out.println("FAILED " + f));
      assertThat(out).allSatisfy(o -> assertThat(o.passed()).as(o.failure()).isTrue());
    }
  }
}
