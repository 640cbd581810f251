package org.rspharness.scenario.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.scenario.model.Scenario;
import org.rspharness.scenario.model.ScenarioLoader;
import org.rspharness.scenario.report.HtmlReport;
import org.rspharness.scenario.report.Reports;

/**
 * The same scenario with the same seed sends and receives the same bytes, so it replays exactly;
 * with the event log's clocks fixed as well, its reports ({@code summary.json}, {@code junit.xml})
 * are byte-identical, which guards every refactoring of the report code.
 *
 * <p>The HTML report is not compared: it shows the times the LPA, the card and the TLS layer
 * measure themselves, and the SM-DP+'s asynchronous ES2+ notifications to the operator may land
 * before or after the LPA's next exchange.
 */
class DeterminismTest {

  private static final Path SCENARIO = Path.of("library", "nominal-download-nist.yaml");

  @Test
  void theSameSeedGivesByteIdenticalProtocolMessagesAndReports(@TempDir Path dir)
      throws IOException {
    Scenario s = ScenarioLoader.load(SCENARIO);
    List<Event> first = run(s, null);
    List<Event> second = run(s, null);
    assertThat(messages(first)).hasSizeGreaterThan(40).isEqualTo(messages(second));
    Path a = reports(first, dir.resolve("a"));
    Path b = reports(second, dir.resolve("b"));
    for (String file : List.of(Reports.JSON, Reports.JUNIT)) {
      assertThat(Files.readString(a.resolve(file)))
          .as(file)
          .contains("nominal-download-nist")
          .isEqualTo(Files.readString(b.resolve(file)));
    }
    // a different seed changes them (challenges, transactionIds, keys)
    assertThat(messages(run(s, 99L))).isNotEqualTo(messages(first));
  }

  /** The events of one run, on fixed clocks: every event at 2026-11-01T00:00Z, elapsed 0. */
  private static List<Event> run(Scenario s, Long seed) {
    RecordingSink sink = new RecordingSink();
    Clock fixed = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
    EventLog log = new EventLog(fixed, () -> 0L).addSink(sink);
    try (ScenarioEngine engine =
        new ScenarioEngine(new ScenarioEngine.Options(1, null, seed), log)) {
      assertThat(engine.run(s).passed()).isTrue();
    }
    return sink.events();
  }

  private static Path reports(List<Event> events, Path dir) throws IOException {
    Reports.writeAll(events, dir, "determinism", null, HtmlReport.Options.DEFAULTS);
    return dir;
  }

  /** Every HTTP body and APDU of the run, in order, as text. */
  private static List<String> messages(List<Event> events) {
    HexFormat hex = HexFormat.of();
    List<String> out = new ArrayList<>();
    for (Event e : events) {
      if (e.payload() instanceof EventPayload.HttpExchange h && e.source().startsWith("lpa/")) {
        out.add(
            h.function()
                + " "
                + hex.formatHex(h.requestBody())
                + " -> "
                + hex.formatHex(h.responseBody()));
      } else if (e.payload() instanceof EventPayload.ApduExchange a) {
        out.add(hex.formatHex(a.command()) + " -> " + hex.formatHex(a.response()));
      }
    }
    return out;
  }
}
