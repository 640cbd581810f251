package org.rspharness.smdp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.transport.SmdpServer;
import picocli.CommandLine;

/**
 * {@code smdp serve} shows what it served: {@code -v} one line per request (function,
 * transactionId, EID, outcome, ms) from a structured record whose JSON form is one object per line;
 * {@code --events FILE} the events a report draws (the exchange with its bodies, state
 * transitions); a reload (what SIGHUP runs) adds new inventory profiles and keeps the state.
 */
class ServeVisibilityTest {

  private static final TestPki PKI = TestPki.builder().random(RandomSource.seeded(11)).build();

  @TempDir Path dir;

  private static String iccid(int n) {
    return Iccid.withCheckDigit(String.format("894900000000009%03d", n)).value();
  }

  private static String inventory(int profiles) {
    StringBuilder y = new StringBuilder("profiles:\n");
    for (int i = 0; i < profiles; i++) {
      y.append("  - iccid: \"")
          .append(iccid(i))
          .append("\"\n    profileType: gold\n    profilePackage: generated\n");
    }
    return y.toString();
  }

  @Test
  void verboseLinesEventsFileAndInventoryReload() throws Exception {
    Path inv = dir.resolve("inventory.yaml");
    Files.writeString(inv, inventory(1));
    Path events = dir.resolve("events.jsonl");
    StringWriter out = new StringWriter();
    CommandLine c = SmdpCommand.commandLine(d -> PKI);
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(new StringWriter(), true));
    c.parseArgs(
        "serve",
        "--pki",
        "any",
        "--host",
        PKI.smdpHost(),
        "--es9-port",
        "0",
        "--inventory",
        inv.toString(),
        "--events",
        events.toString(),
        "-v",
        "--state",
        dir.resolve("state").toString());
    SmdpCommand.Serve serve = c.getSubcommands().get("serve").getCommand();
    try (SmdpServer server = serve.start();
        RspHttpClient client = Es9Clients.to(PKI)) {
      RspHttpResponse r =
          client.post(
              URI.create(
                  "https://"
                      + PKI.smdpHost()
                      + ":"
                      + server.es9Port(Curve.NIST_P256).orElseThrow()
                      + "/gsma/rsp2/es9plus/getBoundProfilePackage"),
              Map.of("Content-Type", "application/json", "X-Admin-Protocol", "gsma/rsp/v2.2.0"),
              "{\"transactionId\":\"0102030405060708\",\"prepareDownloadResponse\":\"vyE=\"}"
                  .getBytes(),
              "getBoundProfilePackage");
      assertThat(r.status()).isEqualTo(200);

      // -v: one line with the function, transactionId, outcome and time
      assertThat(out.toString())
          .containsPattern(
              "getBoundProfilePackage transactionId=0102030405060708 Failed 8\\.10\\.1/3\\.9"
                  + " [0-9.]+ ms");

      // the reload SIGHUP runs: the new profile is added, nothing else changes
      Files.writeString(inv, inventory(2));
      assertThat(serve.reload()).isEqualTo("inventory reloaded: 1 new profile(s), 2 in all");
      assertThat(serve.reload()).isEqualTo("inventory reloaded: 0 new profile(s), 2 in all");
    } finally {
      serve.closeResources();
    }
    // --events: the exchange with both bodies, from the SM-DP+, as a report reads it
    List<Event> logged = EventsJsonl.read(events);
    assertThat(logged)
        .extracting(Event::payload)
        .filteredOn(p -> p instanceof EventPayload.HttpExchange)
        .singleElement()
        .satisfies(
            p -> {
              EventPayload.HttpExchange h = (EventPayload.HttpExchange) p;
              assertThat(h.function()).isEqualTo("getBoundProfilePackage");
              assertThat(new String(h.responseBody())).contains("8.10.1");
            });
    assertThat(logged).extracting(Event::source).contains("smdp");
  }

  /**
   * A real SIGHUP: {@code smdp serve} as a child process, its inventory file grown, {@code kill
   * -HUP} sent to it; it adds the new profile and keeps serving.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs({
    org.junit.jupiter.api.condition.OS.LINUX,
    org.junit.jupiter.api.condition.OS.MAC
  })
  void killHupReloadsTheInventoryOfARunningServer() throws Exception {
    Path inv = dir.resolve("inventory.yaml");
    Files.writeString(inv, inventory(1));
    Path log = dir.resolve("serve.out");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                org.rspharness.smdp.SmdpServeMain.class.getName(),
                "serve",
                "--pki",
                dir.toString(),
                "--host",
                org.rspharness.smdp.SmdpFixture.HOST,
                "--es9-port",
                "0",
                "--inventory",
                inv.toString(),
                "--state",
                dir.resolve("state").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("ES9+"));
      Files.writeString(inv, inventory(2));
      Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start();
      assertThat(hup.waitFor()).isZero();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("inventory reloaded"));
      assertThat(Files.readString(log)).contains("inventory reloaded: 1 new profile(s), 2 in all");
      assertThat(p.isAlive()).as("still serving after the reload").isTrue();
    } finally {
      p.destroy();
      p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void theRequestRecordHasAJsonFormOfOneObjectPerLine() {
    ServedRequests.Entry e =
        new ServedRequests.Entry(
            java.time.Instant.parse("2026-12-07T15:00:00Z"),
            "es9+",
            "authenticateClient",
            "0A0B",
            "89049032123451234512345678901235",
            null,
            "Executed-Success",
            200,
            "/127.0.0.1:40000",
            3.25);
    assertThat(e.json())
        .isEqualTo(
            "{\"at\":\"2026-12-07T15:00:00Z\",\"function\":\"authenticateClient\","
                + "\"transactionId\":\"0A0B\",\"eid\":\"89049032123451234512345678901235\","
                + "\"iccid\":null,\"outcome\":\"Executed-Success\",\"ms\":3.3}")
        .doesNotContain("\n");
    assertThat(e.line())
        .isEqualTo(
            "2026-12-07T15:00:00Z authenticateClient transactionId=0A0B"
                + " eid=89049032123451234512345678901235 Executed-Success 3.3 ms");
  }
}
