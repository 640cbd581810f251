package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an outside LPA did, drawn: {@code smdp serve --events FILE} while an LPA downloads, then
 * {@code rsp-harness report FILE} over that file draws the sequence of ES9+ requests it served.
 */
class ServeEventsReportTest {

  private static final String HOST = "testsmdpplus1.example.com";

  @TempDir Path dir;
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  private final ByteArrayOutputStream out = console.out;

  @Test
  void theReportOfAServersEventsFileDrawsTheExchangesItServed() throws Exception {
    Path pki = dir.resolve("pki");
    assertThat(
            RspHarness.execute(
                "certs", "generate", "--out", pki.toString(), "--curve", "nist", "--seed", "2"))
        .isZero();
    Path inventory = dir.resolve("inventory.yaml");
    Files.writeString(
        inventory,
        """
        profiles:
          - iccid: "8949000000000000018"
            profileType: lab
            profilePackage: generated
            state: Released
            matchingId: EVT-0001
        """);
    Path events = dir.resolve("smdp-events.jsonl");
    StringWriter smdpOut = new StringWriter();
    Thread smdp =
        new Thread(
            () ->
                RspHarness.execute(
                    new PrintWriter(smdpOut, true),
                    new PrintWriter(new StringWriter(), true),
                    "smdp",
                    "serve",
                    "--pki",
                    pki.toString(),
                    "--host",
                    HOST,
                    "--es9-port",
                    "0",
                    "--inventory",
                    inventory.toString(),
                    "--events",
                    events.toString()),
            "smdp-serve");
    smdp.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> smdpOut.toString().contains("ES9+"));
      Matcher m = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)").matcher(smdpOut.toString());
      assertThat(m.find()).as(smdpOut.toString()).isTrue();
      Path card = dir.resolve("card.json");
      assertThat(
              RspHarness.execute(
                  "euicc",
                  "init",
                  "--pki",
                  pki.toString(),
                  "--curve",
                  "nist",
                  "--state",
                  card.toString()))
          .isZero();
      int download =
          RspHarness.execute(
              "lpa",
              "--euicc",
              card.toString(),
              "--resolve",
              HOST + "=127.0.0.1",
              "download",
              "-a",
              "LPA:1$" + HOST + ":" + m.group(1) + "$EVT-0001");
      assertThat(download).as(console.err.toString()).isZero();
    } finally {
      smdp.interrupt();
      smdp.join(10_000);
    }

    Path report = dir.resolve("report");
    out.reset();
    int exit = RspHarness.execute("report", events.toString(), "--report-dir", report.toString());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isIn(0, 1);
    String html = Files.readString(report.resolve("report.html"));
    // the sequence diagram: one message row per exchange, the ES9+ functions the LPA called in
    // the order it called them
    assertThat(html).contains("class=\"msg");
    String diagram = html.substring(html.indexOf("class=\"msg"));
    int ia = diagram.indexOf("initiateAuthentication");
    int ac = diagram.indexOf("authenticateClient");
    int bpp = diagram.indexOf("getBoundProfilePackage");
    int hn = diagram.indexOf("handleNotification");
    assertThat(ia).as("initiateAuthentication drawn").isNotNegative();
    assertThat(ac).isGreaterThan(ia);
    assertThat(bpp).isGreaterThan(ac);
    assertThat(hn).isGreaterThan(bpp);
  }
}
