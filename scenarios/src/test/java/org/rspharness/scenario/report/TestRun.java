package org.rspharness.scenario.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.time.ManualClock;

/** Builds event logs in code with deterministic times: each {@link #at} moves both clocks. */
final class TestRun {

  final AtomicLong nanos = new AtomicLong(5_000_000);
  final ManualClock clock = ManualClock.at(Instant.parse("2026-11-25T12:00:00Z"));
  final EventLog log = new EventLog(clock, nanos::get);
  final RecordingSink sink = new RecordingSink();

  TestRun() {
    log.addSink(sink);
  }

  /** Sets the monotonic time to {@code millis} after the log started (wall clock follows). */
  TestRun at(long millis) {
    long target = 5_000_000 + millis * 1_000_000;
    clock.advance(Duration.ofNanos(target - nanos.get()));
    nanos.set(target);
    return this;
  }

  TestRun start(String source, String scenario, String step) {
    log.emit(source, new EventPayload.StepStarted(scenario, step));
    return this;
  }

  TestRun pass(String source, String scenario, String step) {
    log.emit(source, new EventPayload.StepFinished(scenario, step, true, null, null));
    return this;
  }

  TestRun fail(String source, String scenario, String step, String code, String message) {
    log.emit(source, new EventPayload.StepFinished(scenario, step, false, code, message));
    return this;
  }

  TestRun http(String source, String function, int status, String request, String response) {
    log.emit(
        source,
        new EventPayload.HttpExchange(
            function,
            "https://smdp.example/gsma/rsp2/es9plus/" + function,
            status,
            request == null ? null : request.getBytes(StandardCharsets.UTF_8),
            response == null ? null : response.getBytes(StandardCharsets.UTF_8),
            3_000_000,
            null));
    return this;
  }

  TestRun apdu(String source, String command, String response) {
    log.emit(
        source,
        new EventPayload.ApduExchange(
            org.rspharness.core.util.Hex.decode(command),
            org.rspharness.core.util.Hex.decode(response),
            0,
            250_000));
    return this;
  }

  /** The LPA's record of one ES10 command over the {@code apdus} APDUs just logged. */
  TestRun es10(
      String source, String function, String result, int apdus, byte[] command, byte[] response) {
    return es10(source, function, result, apdus, command, response, EventPayload.Es10Command.LPA);
  }

  /** {@code observer}'s record of one ES10 command over the {@code apdus} APDUs just logged. */
  TestRun es10(
      String source,
      String function,
      String result,
      int apdus,
      byte[] command,
      byte[] response,
      String observer) {
    log.emit(
        source,
        new EventPayload.Es10Command(
            function,
            result,
            0,
            apdus,
            command.length,
            response == null ? 0 : response.length,
            apdus * 250_000L,
            command,
            response,
            observer));
    return this;
  }

  TestRun emit(String source, EventPayload payload) {
    log.emit(source, payload);
    return this;
  }

  List<Event> events() {
    return sink.events();
  }

  RunSummary summary() {
    return RunSummary.of(events());
  }

  /**
   * A small two-scenario run: "nominal download" passes (3 steps), "wrong matching id" fails at
   * authenticateClient with 8.2.6/3.8 after an HTTP exchange that returned the failure.
   */
  static TestRun passAndFail() {
    TestRun r = new TestRun();
    r.at(0).start("engine", "nominal download", "downloadOrder");
    r.at(2).http("es2/operator", "downloadOrder", 200, "{\"eid\":\"89\"}", "{\"header\":{}}");
    r.at(5).pass("engine", "nominal download", "downloadOrder");
    r.at(6).start("engine", "nominal download", "download");
    r.at(7).apdu("lpa/1", "80E2910003BF2E00", "BF2E0A9000");
    // after a command's APDUs, the LPA logs the command
    r.emit(
        "lpa/1",
        new EventPayload.Es10Command(
            "GetEuiccChallenge",
            "ok",
            0,
            1,
            3,
            3,
            250_000,
            null,
            null,
            EventPayload.Es10Command.LPA));
    r.at(9).http("lpa/1", "initiateAuthentication", 200, "{\"a\":1}", "{\"b\":2}");
    r.at(20)
        .emit(
            "smdp",
            new EventPayload.StateTransition("order", "8944", "Released", "Downloaded", "getBPP"));
    r.at(30).pass("engine", "nominal download", "download");
    r.at(31).start("engine", "nominal download", "enable");
    r.at(40).pass("engine", "nominal download", "enable");

    r.at(50).start("engine", "wrong matching id", "download");
    r.at(52).http("lpa/1", "initiateAuthentication", 200, "{}", "{}");
    r.at(55)
        .http(
            "lpa/1",
            "authenticateClient",
            200,
            "{\"transactionId\":\"01\"}",
            "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Failed\",\"statusCodeData\":"
                + "{\"subjectCode\":\"8.2.6\",\"reasonCode\":\"3.8\",\"message\":\"unknown\"}}}}");
    r.at(60).fail("engine", "wrong matching id", "download", "8.2.6/3.8", "refused:\nMatchingID");
    return r;
  }
}
