package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.core.time.ManualClock;

class RunSummaryTest {

  @Test
  void engineTaggedSourcesGoToTheirScenarioAndAnLpasOwnStepsAreNoScenario() {
    // two scenarios overlapping in time: only the @tag tells their events apart
    RunSummary run =
        new TestRun()
            .start("engine@a", "a", "")
            .start("engine@b", "b", "")
            .start("engine@a", "a", "download")
            .start("engine@b", "b", "download")
            .start("lpa/phone@a", "lpa", "AUTHENTICATE_CLIENT")
            .http("lpa/phone@a", "authenticateClient", 200, "{}", "{}")
            .fail("lpa/phone@a", "lpa", "AUTHENTICATE_CLIENT", "8.2.6/3.8", "refused")
            .http("lpa/phone@b", "authenticateClient", 200, "{}", "{}")
            .pass("engine@a", "a", "download")
            .pass("engine@b", "b", "download")
            .pass("engine@a", "a", "")
            .pass("engine@b", "b", "")
            .summary();

    assertThat(run.scenarios()).extracting(ScenarioSummary::name).containsExactly("a", "b");
    assertThat(run.unattributedEvents()).isZero();
    assertThat(run.allPassed()).isTrue();
    ScenarioSummary a = run.scenarios().get(0);
    assertThat(a.steps()).extracting(StepSummary::name).containsExactly("download");
    // the LPA's progress events and its HTTP exchange belong to a, the other exchange to b
    assertThat(a.events()).filteredOn(e -> e.source().startsWith("lpa/")).hasSize(3);
    assertThat(run.scenarios().get(1).events())
        .filteredOn(e -> e.source().startsWith("lpa/"))
        .hasSize(1);
  }

  @Test
  void passingScenarioHasEveryStepWithItsDuration() {
    ScenarioSummary s = TestRun.passAndFail().summary().scenarios().get(0);

    assertThat(s.name()).isEqualTo("nominal download");
    assertThat(s.result()).isEqualTo(ScenarioSummary.Result.PASSED);
    assertThat(s.failure()).isEmpty();
    assertThat(s.steps())
        .extracting(StepSummary::name)
        .containsExactly("downloadOrder", "download", "enable");
    assertThat(s.steps())
        .extracting(StepSummary::durationNanos)
        .containsExactly(5_000_000L, 24_000_000L, 9_000_000L);
    assertThat(s.durationNanos()).isEqualTo(40_000_000L);
    assertThat(s.httpExchanges()).isEqualTo(2);
    assertThat(s.apdus()).isEqualTo(1);
    assertThat(s.faults()).isZero();
    assertThat(s.events()).hasSize(11); // with the LPA's es10 event after its APDU
  }

  @Test
  void theLpasOwnPhaseMarkersAreEventsOfTheScenarioNotAScenario() throws Exception {
    TestRun r = new TestRun();
    r.at(0).start("engine", "download", "download");
    r.at(1).emit("lpa", new EventPayload.StepStarted("lpa", "GET_EUICC_CHALLENGE"));
    r.at(2).apdu("lpa", "80E2910003BF2E00", "BF2E0A9000");
    r.at(3).emit("lpa", new EventPayload.StepStarted("lpa", "INITIATE_AUTHENTICATION"));
    r.at(4)
        .emit(
            "lpa",
            new EventPayload.StepFinished(
                "lpa", "INITIATE_AUTHENTICATION", false, "8.8.5/4.10", "no eligible profile"));
    r.at(5).fail("engine", "download", "download", "8.8.5/4.10", "refused");

    RunSummary run = r.summary();

    assertThat(run.scenarios()).singleElement();
    ScenarioSummary s = run.scenarios().get(0);
    assertThat(s.name()).isEqualTo("download");
    assertThat(s.steps()).extracting(StepSummary::name).containsExactly("download");
    assertThat(s.events()).hasSize(6);
    assertThat(run.unattributedEvents()).isZero();
    // drawn as markers on the LPA lane, the failed phase marked bad
    String html = HtmlReport.render(run);
    assertThat(html)
        .contains("class=\"note phase c2\"")
        .contains(">\u25b8 GET_EUICC_CHALLENGE<")
        .contains(">\u2718 INITIATE_AUTHENTICATION<")
        .contains("<details class=\"msg bad\" id=\"e5\">");
  }

  @Test
  void failingScenarioNamesItsFirstFailureInOneLine() {
    RunSummary run = TestRun.passAndFail().summary();
    ScenarioSummary s = run.scenarios().get(1);

    assertThat(s.result()).isEqualTo(ScenarioSummary.Result.FAILED);
    assertThat(s.firstFailure().name()).isEqualTo("download");
    assertThat(s.firstFailure().oneLine()).isEqualTo("download: [8.2.6/3.8] refused: MatchingID");
    assertThat(s.durationNanos()).isEqualTo(10_000_000L);
    assertThat(s.httpExchanges()).isEqualTo(2);
    assertThat(run.passed()).isEqualTo(1);
    assertThat(run.failed()).isEqualTo(1);
    assertThat(run.allPassed()).isFalse();
    assertThat(run.durationNanos()).isEqualTo(60_000_000L);
    assertThat(run.startWall()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    assertThat(EventText.what(EventText.failingExchange(s)))
        .startsWith("HTTP authenticateClient")
        .contains("status Failed 8.2.6/3.8 unknown");
  }

  @Test
  void laterFailuresDoNotHideTheFirst() {
    TestRun r = new TestRun();
    r.at(0).start("engine", "s", "a").at(1).fail("engine", "s", "a", null, "first");
    r.at(2).start("engine", "s", "b").at(3).fail("engine", "s", "b", "1.2/3.4", "second");

    StepSummary first = r.summary().scenarios().get(0).firstFailure();
    assertThat(first.name()).isEqualTo("a");
    assertThat(first.oneLine()).isEqualTo("a: first");
  }

  @Test
  void interleavedParallelScenariosKeepTheirOwnStepsAndExchanges() {
    TestRun r = new TestRun();
    // Two devices run the same step names at once; each emits its own step events.
    r.at(0).start("lpa/1", "device one", "download");
    r.at(1).start("lpa/2", "device two", "download");
    r.at(2).http("lpa/2", "initiateAuthentication", 200, "{}", "{}");
    r.at(3).http("lpa/1", "initiateAuthentication", 200, "{}", "{}");
    r.at(4).apdu("lpa/1", "80E2910000", "9000");
    r.at(5).http("lpa/1", "authenticateClient", 200, "{}", "{}");
    r.at(6).fail("lpa/2", "device two", "download", "8.1/3.8", "boom");
    r.at(7).http("lpa/1", "getBoundProfilePackage", 200, "{}", "{}");
    r.at(8).pass("lpa/1", "device one", "download");
    r.at(9).start("lpa/1", "device one", "enable");
    r.at(12).pass("lpa/1", "device one", "enable");

    RunSummary run = r.summary();
    assertThat(run.scenarios())
        .extracting(ScenarioSummary::name)
        .containsExactly("device one", "device two");
    ScenarioSummary one = run.scenarios().get(0);
    ScenarioSummary two = run.scenarios().get(1);
    assertThat(one.result()).isEqualTo(ScenarioSummary.Result.PASSED);
    assertThat(one.steps())
        .extracting(StepSummary::durationNanos)
        .containsExactly(8_000_000L, 3_000_000L);
    assertThat(one.httpExchanges()).isEqualTo(3);
    assertThat(one.apdus()).isEqualTo(1);
    assertThat(two.result()).isEqualTo(ScenarioSummary.Result.FAILED);
    assertThat(two.steps()).extracting(StepSummary::durationNanos).containsExactly(5_000_000L);
    assertThat(two.httpExchanges()).isEqualTo(1);
    assertThat(two.durationNanos()).isEqualTo(5_000_000L);
    assertThat(run.unattributedEvents()).isZero();
  }

  @Test
  void ambiguousEventsAreCountedNotGuessed() {
    TestRun r = new TestRun();
    r.at(0).start("engine", "a", "x").start("engine", "b", "x");
    r.at(1).http("smdp", "initiateAuthentication", 200, "{}", "{}");
    r.at(2).pass("engine", "a", "x").pass("engine", "b", "x");

    RunSummary run = r.summary();
    assertThat(run.unattributedEvents()).isEqualTo(1);
    assertThat(run.scenarios()).allSatisfy(s -> assertThat(s.httpExchanges()).isZero());
  }

  @Test
  void repeatedStepNamesPairFirstInFirstOut() {
    TestRun r = new TestRun();
    r.at(0).start("engine", "loop", "poll");
    r.at(1).pass("engine", "loop", "poll");
    r.at(10).start("engine", "loop", "poll");
    r.at(14).fail("engine", "loop", "poll", null, "timeout");

    List<StepSummary> steps = r.summary().scenarios().get(0).steps();
    assertThat(steps)
        .extracting(StepSummary::durationNanos)
        .containsExactly(1_000_000L, 4_000_000L);
    assertThat(steps).extracting(StepSummary::ok).containsExactly(true, false);
  }

  @Test
  void aStepThatNeverFinishedFailsTheScenarioAndOwnsWhatFollows() {
    TestRun r = new TestRun();
    r.at(0).start("engine", "cut", "download");
    r.at(3).http("lpa/1", "getBoundProfilePackage", 0, "{}", null);

    ScenarioSummary s = r.summary().scenarios().get(0);
    assertThat(s.result()).isEqualTo(ScenarioSummary.Result.FAILED);
    assertThat(s.firstFailure().status()).isEqualTo(StepSummary.Status.UNFINISHED);
    assertThat(s.firstFailure().oneLine()).isEqualTo("download: did not finish");
    assertThat(s.firstFailure().durationNanos()).isEqualTo(3_000_000L);
    assertThat(s.httpExchanges()).isEqualTo(1);
  }

  @Test
  void scenarioWithNoStepsIsKnownByItsMarkers() {
    TestRun r = new TestRun();
    r.at(0).emit("engine", new EventPayload.Note("start-up"));
    r.at(1).start("engine", "empty", "");
    r.at(2).http("es2/op", "downloadOrder", 200, "{}", "{}");
    r.at(4).pass("engine", "empty", "");

    RunSummary run = r.summary();
    ScenarioSummary s = run.scenarios().get(0);
    assertThat(s.steps()).isEmpty();
    assertThat(s.result()).isEqualTo(ScenarioSummary.Result.PASSED);
    assertThat(s.durationNanos()).isEqualTo(3_000_000L);
    assertThat(s.httpExchanges()).isEqualTo(1);
    assertThat(run.unattributedEvents()).isEqualTo(1);
  }

  @Test
  void failedScenarioMarkerFailsAScenarioWithoutSteps() {
    TestRun r = new TestRun();
    r.at(0).fail("engine", "broken", "", null, "scenario file: bad step");

    ScenarioSummary s = r.summary().scenarios().get(0);
    assertThat(s.steps()).isEmpty();
    assertThat(s.result()).isEqualTo(ScenarioSummary.Result.FAILED);
    assertThat(s.firstFailure().oneLine()).isEqualTo("(scenario): scenario file: bad step");
  }

  @Test
  void logWithoutStepEventsHasNoScenarios() {
    TestRun r = new TestRun();
    r.at(0).emit("smdp", new EventPayload.Note("listening"));
    r.at(1).http("lpa/1", "initiateAuthentication", 200, "{}", "{}");

    RunSummary run = r.summary();
    assertThat(run.scenarios()).isEmpty();
    assertThat(run.unattributedEvents()).isEqualTo(2);
    assertThat(run.allPassed()).isFalse();
    assertThat(RunSummary.of(List.of()).eventCount()).isZero();
  }

  @Test
  void orderOfDeliveryDoesNotChangeTheSummary() {
    List<Event> events = new ArrayList<>(TestRun.passAndFail().events());
    String expected = JsonSummaryReport.render(RunSummary.of(events));
    Collections.shuffle(events, new Random(7));
    assertThat(JsonSummaryReport.render(RunSummary.of(events))).isEqualTo(expected);
  }

  @Test
  void roundTripThroughEventsJsonlGivesTheSameReports(@TempDir Path dir) throws Exception {
    AtomicLongHolder nanos = new AtomicLongHolder();
    ManualClock clock = ManualClock.at(Instant.parse("2026-11-25T12:00:00Z"));
    EventLog log = new EventLog(clock, nanos::next);
    StringWriter out = new StringWriter();
    try (EventsJsonl.Sink writer = EventsJsonl.writer(out)) {
      log.addSink(writer);
      for (Event e : TestRun.passAndFail().events()) {
        nanos.value = e.elapsedNanos();
        clock.set(e.wallTime());
        log.emit(e.source(), e.payload());
      }
    }
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, out.toString());

    RunSummary direct = TestRun.passAndFail().summary();
    RunSummary back = Reports.summarise(file);
    assertThat(JsonSummaryReport.render(back)).isEqualTo(JsonSummaryReport.render(direct));
    assertThat(HtmlReport.render(back)).isEqualTo(HtmlReport.render(direct));
    assertThat(new JunitXmlReport("s").render(back))
        .isEqualTo(new JunitXmlReport("s").render(direct));
    assertThat(back.scenarios().get(1).firstFailure().oneLine())
        .isEqualTo("download: [8.2.6/3.8] refused: MatchingID");
  }

  /** A nanoTime source the test sets before each emit (the first call is the log's start). */
  private static final class AtomicLongHolder {
    long value;

    long next() {
      return value;
    }
  }
}
