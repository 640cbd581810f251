package org.rspharness.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.time.ManualClock;

class EventLogTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final EventLog log =
      new EventLog(ManualClock.at(Instant.parse("2026-11-25T12:00:00Z")), nanos::get);

  @Test
  void stampsSequenceAndMonotonicTimeRelativeToTheStart() {
    RecordingSink sink = new RecordingSink();
    log.addSink(sink);
    nanos.addAndGet(250);
    log.emit("lpa/1", new EventPayload.Note("first"));
    nanos.addAndGet(750);
    log.emit("smdp", new EventPayload.Note("second"));

    List<Event> events = sink.events();
    assertThat(events).extracting(Event::seq).containsExactly(1L, 2L);
    assertThat(events).extracting(Event::elapsedNanos).containsExactly(250L, 1000L);
    assertThat(events).extracting(Event::source).containsExactly("lpa/1", "smdp");
  }

  @Test
  void writesTheVersionedJsonlLineWithHexBytes() {
    RecordingSink sink = new RecordingSink();
    log.addSink(sink);
    log.emit(
        "euicc/1",
        new EventPayload.ApduExchange(
            new byte[] {(byte) 0x80, (byte) 0xE2}, new byte[] {(byte) 0x90, 0}, 1, 42));
    assertThat(EventsJsonl.toLine(sink.events().get(0)))
        .isEqualTo(
            "{\"v\":1,\"seq\":1,\"t\":0,\"wall\":\"2026-11-25T12:00:00Z\",\"src\":\"euicc/1\","
                + "\"event\":{\"type\":\"apdu\",\"command\":\"80E2\",\"response\":\"9000\","
                + "\"channel\":1,\"nanos\":42}}");
  }

  @Test
  void roundTripsEveryPayloadTypeThroughAFile(@TempDir Path dir) throws Exception {
    StringWriter out = new StringWriter();
    try (EventsJsonl.Sink writer = EventsJsonl.writer(out)) {
      log.addSink(writer);
      List<EventPayload> payloads =
          List.of(
              new EventPayload.ApduExchange(new byte[] {1, 2}, new byte[] {(byte) 0x90, 0}, 0, 5),
              new EventPayload.HttpExchange(
                  "initiateAuthentication",
                  "https://h/x",
                  200,
                  new byte[] {'{', '}'},
                  null,
                  9,
                  null),
              new EventPayload.TlsHandshake("127.0.0.1:1", "TLSv1.2", "TLS_X", null, 3),
              new EventPayload.StateTransition("order", "8944", "Released", "Downloaded", "getBPP"),
              new EventPayload.FaultInjected("es9.getBoundProfilePackage.response", "reset", 1),
              new EventPayload.StepStarted("nominal", "download"),
              new EventPayload.StepFinished("nominal", "download", false, "8.2.7/6.4", "no"),
              new EventPayload.Note("hello"));
      payloads.forEach(p -> log.emit("x", p));
    }
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, out.toString());

    List<Event> back = EventsJsonl.read(file);
    assertThat(back).hasSize(8);
    assertThat(back.get(3).payload())
        .isEqualTo(
            new EventPayload.StateTransition("order", "8944", "Released", "Downloaded", "getBPP"));
    assertThat(((EventPayload.ApduExchange) back.get(0).payload()).command()).containsExactly(1, 2);
    assertThat(((EventPayload.HttpExchange) back.get(1).payload()).responseBody()).isNull();
  }

  @Test
  void refusesAnUnknownVersionAndNamesTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(
        file,
        "{\"v\":1,\"seq\":1,\"t\":0,\"wall\":\"2026-11-25T12:00:00Z\",\"src\":\"a\",\"event\":{\"type\":\"note\",\"text\":\"ok\"}}\n"
            + "{\"v\":7,\"seq\":2}\n");
    assertThatThrownBy(() -> EventsJsonl.read(file))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("unsupported format version 7")
        .hasMessageContaining("events.jsonl:2");
  }

  @Test
  void rejectsAnUnknownEventTypeWithACodecException() {
    assertThatThrownBy(
            () ->
                EventsJsonl.fromLine(
                    "{\"v\":1,\"seq\":1,\"t\":0,\"wall\":\"2026-11-25T12:00:00Z\",\"src\":\"a\",\"event\":{\"type\":\"bogus\"}}",
                    "f:1"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("f:1");
  }

  @Test
  void anEs10EventKeepsItsDataInHexAndALineWithoutItReadsAsNotRecorded() {
    String head = "{\"v\":1,\"seq\":1,\"t\":0,\"wall\":\"2026-11-25T12:00:00Z\",\"src\":\"lpa\",";
    Event with =
        EventsJsonl.fromLine(
            head
                + "\"event\":{\"type\":\"es10\",\"function\":\"GetEuiccChallenge\","
                + "\"result\":\"ok\",\"channel\":1,\"apdus\":1,\"commandBytes\":3,"
                + "\"responseBytes\":2,\"nanos\":5,\"command\":\"BF2E00\",\"response\":\"BF2E\"}}",
            "f:1");
    EventPayload.Es10Command c = (EventPayload.Es10Command) with.payload();
    assertThat(c.command()).containsExactly(0xBF, 0x2E, 0x00);
    assertThat(c.response()).containsExactly(0xBF, 0x2E);
    assertThat(EventsJsonl.toLine(with)).contains("\"command\":\"BF2E00\",\"response\":\"BF2E\"");
    // a log written before the data was recorded (or by a load run without APDUs)
    Event without =
        EventsJsonl.fromLine(
            head
                + "\"event\":{\"type\":\"es10\",\"function\":\"GetEuiccChallenge\","
                + "\"result\":\"ok\",\"channel\":1,\"apdus\":1,\"commandBytes\":3,"
                + "\"responseBytes\":2,\"nanos\":5}}",
            "f:2");
    EventPayload.Es10Command old = (EventPayload.Es10Command) without.payload();
    assertThat(old.command()).isNull();
    assertThat(old.response()).isNull();
    assertThat(EventsJsonl.toLine(without)).doesNotContain("\"command\"");
    // only the LPA logged es10 events before the card did: no observer reads as the LPA
    assertThat(old.observer()).isEqualTo(EventPayload.Es10Command.LPA);
    assertThat(c.observedByLpa()).isTrue();
    Event card =
        EventsJsonl.fromLine(
            head.replace("\"src\":\"lpa\"", "\"src\":\"euicc/a\"")
                + "\"event\":{\"type\":\"es10\",\"function\":\"GetEuiccChallenge\","
                + "\"result\":\"ok\",\"channel\":1,\"apdus\":1,\"commandBytes\":3,"
                + "\"responseBytes\":2,\"nanos\":5,\"observer\":\"euicc\"}}",
            "f:3");
    assertThat(((EventPayload.Es10Command) card.payload()).observedByLpa()).isFalse();
    assertThat(EventsJsonl.toLine(card)).contains("\"observer\":\"euicc\"");
  }

  @Test
  void aLogWithoutSinksIsDisabledAndEmitsNothing() {
    assertThat(EventLog.disabled().enabled()).isFalse();
    EventLog.disabled().emit("x", new EventPayload.Note("dropped"));
    assertThatThrownBy(() -> EventLog.disabled().addSink(e -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aMistypedSequenceOrTimeIsAnErrorNotAZero() {
    String wall =
        "\"wall\":\"2026-11-25T12:00:00Z\",\"src\":\"a\",\"event\":{\"type\":\"note\",\"text\":\"x\"}}";
    assertThatThrownBy(
            () -> EventsJsonl.fromLine("{\"v\":1,\"seq\":\"abc\",\"t\":0," + wall, "f:3"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'seq' must be an integer");
    assertThatThrownBy(() -> EventsJsonl.fromLine("{\"v\":1,\"seq\":1,\"t\":{}," + wall, "f:4"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'t' must be an integer");
  }

  @Test
  void readingAFileOrdersEventsBySequenceNumber(@TempDir Path dir) throws Exception {
    String tail =
        ",\"wall\":\"2026-11-25T12:00:00Z\",\"src\":\"a\",\"event\":{\"type\":\"note\",\"text\":\"x\"}}\n";
    Path file = dir.resolve("events.jsonl");
    Files.writeString(
        file, "{\"v\":1,\"seq\":2,\"t\":5" + tail + "{\"v\":1,\"seq\":1,\"t\":4" + tail);
    assertThat(EventsJsonl.read(file)).extracting(Event::seq).containsExactly(1L, 2L);
  }

  @Test
  void aScopedViewSharesNumberingAndSinksAndTagsItsSources() {
    RecordingSink sink = new RecordingSink();
    EventLog log = EventLog.system().addSink(sink);
    EventLog a = log.scoped("scenario-a");
    log.emit("smdp", new EventPayload.Note("root"));
    a.emit("lpa/phone", new EventPayload.Note("in a"));
    a.scoped("x").emit("euicc", new EventPayload.Note("nested"));
    assertThat(sink.events())
        .extracting(Event::seq, Event::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "smdp"),
            org.assertj.core.groups.Tuple.tuple(2L, "lpa/phone@scenario-a"),
            org.assertj.core.groups.Tuple.tuple(3L, "euicc@scenario-a@x"));
    assertThat(EventLog.disabled().scoped("x").enabled()).isFalse();
  }
}
