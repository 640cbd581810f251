package org.rspharness.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.model.ScenarioLoader;

/**
 * A scenario run has our LPA and our eUICC, and each logs every ES10 command it sees: the two
 * records agree call for call, and the KPIs count each call once (the LPA's record), exactly as a
 * log holding the LPA's record alone; the eUICC's record alone gives the same counts.
 */
class Es10ObserversTest {

  private static List<Event> run(String scenario) throws Exception {
    RecordingSink sink = new RecordingSink();
    try (ScenarioEngine engine =
        new ScenarioEngine(
            new ScenarioEngine.Options(1, null, 5L), EventLog.system().addSink(sink))) {
      assertThat(engine.run(ScenarioLoader.load(Path.of("library", scenario))).passed()).isTrue();
    }
    return sink.events();
  }

  private static List<String> calls(List<Event> events, String observer) {
    return events.stream()
        .map(Event::payload)
        .filter(p -> p instanceof EventPayload.Es10Command c && c.observer().equals(observer))
        .map(p -> (EventPayload.Es10Command) p)
        .map(c -> c.function() + " ch" + c.channel() + " " + (c.ok() ? "ok" : "failed"))
        .toList();
  }

  private static List<Event> without(List<Event> events, String observer) {
    return events.stream()
        .filter(
            e ->
                !(e.payload() instanceof EventPayload.Es10Command c)
                    || !c.observer().equals(observer))
        .toList();
  }

  private static Map<String, Long> counts(Kpis k) {
    Map<String, Long> out = new TreeMap<>();
    k.apduByCommand().forEach((name, p) -> out.put(name, p.count()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nominal-download-nist.yaml",
        "profile-management.yaml",
        "interrupted-bpp-power-loss.yaml"
      })
  void bothSidesLogEachCallAndTheKpisCountItOnce(String scenario) throws Exception {
    List<Event> events = run(scenario);
    List<String> lpa = calls(events, EventPayload.Es10Command.LPA);
    assertThat(lpa).anyMatch(c -> c.startsWith("LoadBoundProfilePackage "));
    assertThat(calls(events, EventPayload.Es10Command.EUICC)).isEqualTo(lpa);

    Map<String, Long> counted = counts(Kpis.of(events));
    Map<String, Long> perCall = new TreeMap<>();
    lpa.forEach(c -> perCall.merge(c.substring(0, c.indexOf(' ')), 1L, Long::sum));
    assertThat(counted).isEqualTo(perCall);
    assertThat(Kpis.of(without(events, EventPayload.Es10Command.EUICC))).isEqualTo(Kpis.of(events));
    assertThat(counts(Kpis.of(without(events, EventPayload.Es10Command.LPA)))).isEqualTo(perCall);
  }
}
