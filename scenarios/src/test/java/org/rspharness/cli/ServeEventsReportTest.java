package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an outside LPA did, drawn: {@code smdp serve --events FILE} while an LPA downloads, then
 * {@code rsp-harness report FILE} over that file draws the sequence of ES9+ requests it served.
 */
class ServeEventsReportTest {

  private static final String HOST = CliFixture.SMDP;

  @TempDir Path dir;
  @RegisterExtension final CliFixture cli = new CliFixture();

  @Test
  void theReportOfAServersEventsFileDrawsTheExchangesItServed() throws Exception {
    Path pki = cli.pki(dir, 2);
    Path inventory = CliFixture.inventory(dir, "8949000000000000018 EVT-0001");
    Path events = dir.resolve("smdp-events.jsonl");
    try (CliFixture.Server smdp = CliFixture.smdp(pki, inventory, "--events", events.toString())) {
      String port = smdp.port("ES9+");
      Path card = cli.card(dir, pki);
      CliFixture.Run download =
          cli.json(
              "lpa",
              "--euicc",
              card.toString(),
              "--resolve",
              HOST + "=127.0.0.1",
              "download",
              "-a",
              "LPA:1$" + HOST + ":" + port + "$EVT-0001");
      assertThat(download.exit()).as(download.err()).isZero();
    }

    Path report = dir.resolve("report");
    int exit = cli.run("report", events.toString(), "--report-dir", report.toString());
    String printed = cli.out();
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
