package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reports rebuilt from a hand-written events.jsonl file, as {@code rsp-harness report} will. */
class EventsFileReportTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(EventsFileReportTest.class.getResource("/report/" + name).toURI());
  }

  @Test
  void parallelRunFromAFileWrittenOutOfOrder() throws Exception {
    RunSummary run = Reports.summarise(resource("parallel.events.jsonl"));

    assertThat(run.eventCount()).isEqualTo(10);
    // The start-up note precedes every scenario; the eUICC's APDU came while both scenarios had a
    // step open and neither step was emitted by "euicc/1": counted, not guessed.
    assertThat(run.unattributedEvents()).isEqualTo(2);
    assertThat(run.scenarios())
        .extracting(ScenarioSummary::name)
        .containsExactly("nominal on device 1", "swap on device 2");

    ScenarioSummary one = run.scenarios().get(0);
    assertThat(one.result()).isEqualTo(ScenarioSummary.Result.PASSED);
    assertThat(one.steps())
        .singleElement()
        .satisfies(s -> assertThat(s.durationNanos()).isEqualTo(8_000_000L));
    assertThat(one.httpExchanges()).isEqualTo(1);
    assertThat(one.apdus()).isZero();

    ScenarioSummary two = run.scenarios().get(1);
    assertThat(two.result()).isEqualTo(ScenarioSummary.Result.FAILED);
    assertThat(two.faults()).isEqualTo(1);
    assertThat(two.httpExchanges()).isEqualTo(2);
    assertThat(two.durationNanos()).isEqualTo(6_000_000L);
    assertThat(two.firstFailure().oneLine())
        .isEqualTo("download: getBoundProfilePackage: connection reset");
    assertThat(EventText.what(EventText.failingExchange(two)))
        .isEqualTo(
            "HTTP getBoundProfilePackage https://smdp.example/gsma/rsp2/es9plus/"
                + "getBoundProfilePackage -> no response (connection reset) in 0.900 ms");
  }
}
