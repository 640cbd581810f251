package org.rspharness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.util.Hex;

class KpiRecorderTest {

  private static Event event(long seq, EventPayload p) {
    return new Event(seq, seq * 1000, Instant.EPOCH, "lpa/dev1", p);
  }

  @Test
  void keepsHttpWithoutBodiesAndApdusCutToHeaderTagAndStatusWord() {
    KpiRecorder r = new KpiRecorder(true);
    r.accept(
        event(
            2,
            new EventPayload.ApduExchange(
                Hex.decode("81E2110078BF3882010000112233445566"), Hex.decode("AABBCC9000"), 1, 7)));
    r.accept(
        event(
            1,
            new EventPayload.HttpExchange(
                "authenticateClient",
                "https://x/a",
                200,
                new byte[5000],
                new byte[9000],
                42,
                null)));
    r.accept(
        event(3, new EventPayload.StateTransition("order", "1", "Released", "Downloaded", "x")));
    r.accept(event(4, new EventPayload.Note("hello")));
    assertThat(r.events()).hasSize(2);
    EventPayload.HttpExchange h = (EventPayload.HttpExchange) r.events().get(0).payload();
    assertThat(h.requestBody()).isNull();
    assertThat(h.responseBody()).isNull();
    assertThat(h.nanos()).isEqualTo(42);
    EventPayload.ApduExchange a = (EventPayload.ApduExchange) r.events().get(1).payload();
    assertThat(Hex.encode(a.command())).isEqualToIgnoringCase("81E2110078BF388201");
    assertThat(Hex.encode(a.response())).isEqualToIgnoringCase("9000");
    assertThat(a.nanos()).isEqualTo(7);
  }

  @Test
  void dropsApdusWhenNotAskedForThem() {
    KpiRecorder r = new KpiRecorder(false);
    r.accept(
        event(
            1,
            new EventPayload.ApduExchange(Hex.decode("0070800100"), Hex.decode("019000"), 0, 1)));
    r.accept(event(2, new EventPayload.StepStarted("load", "s", "download", "dev1")));
    assertThat(r.events()).singleElement().satisfies(e -> assertThat(e.seq()).isEqualTo(2));
  }
}
