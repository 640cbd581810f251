package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;

/**
 * Renders a report in headless Chromium through {@code scripts/check-html-render}: the page's
 * sections are in the DOM after load, its script ran, no script error was logged. Skipped when no
 * {@code chromium} is on the PATH (Debian: {@code apt-get install chromium}).
 */
class HtmlRenderInChromiumTest {

  private static final long TIMEOUT_SECONDS = 60;

  private static Path script;

  @BeforeAll
  static void needsChromium() {
    Assumptions.assumeTrue(onPath("chromium"), "chromium is not on the PATH");
    // Surefire runs in the module directory; the script lives at the repository root.
    script = Path.of("..", "scripts", "check-html-render").toAbsolutePath().normalize();
    assertThat(script).as("the render check script").isRegularFile();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  /** Runs the check script; returns its exit code and output, the process killed on timeout. */
  private static Result check(Path report) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("bash", script.toString(), report.toString())
            .redirectErrorStream(true)
            .start();
    try {
      p.getOutputStream().close();
      boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(done).as("check-html-render finished within " + TIMEOUT_SECONDS + " s").isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.exitValue(), out);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private record Result(int exit, String output) {}

  /** A run with passing and failing scenarios, ES10 blocks, base64 JSON, a fault. */
  static RunSummary sample() {
    TestRun r = TestRun.passAndFail();
    byte[] command =
        TlvBuilder.constructed(0xBF38)
            .add(
                TlvBuilder.constructed(0x30)
                    .add(0x80, Hex.decode("0102030405060708"))
                    .add(0x83, "smdp.example".getBytes(StandardCharsets.US_ASCII)))
            .add(0x5F37, new byte[64])
            .build();
    byte[] first = Arrays.copyOf(command, 40);
    byte[] rest = Arrays.copyOfRange(command, 40, command.length);
    r.at(100).start("engine", "faulty card", "download");
    r.at(101)
        .http(
            "lpa/2",
            "initiateAuthentication",
            200,
            "{\"euiccChallenge\":\"AAECAwQFBgcICQoLDA0ODw==\"}",
            "{\"serverSigned1\":\"" + Base64.getEncoder().encodeToString(command) + "\"}");
    r.at(103)
        .apdu(
            "lpa/2", "80E21100" + String.format("%02X", first.length) + Hex.encode(first), "9000");
    r.at(104)
        .emit("fault/card", new EventPayload.FaultInjected("AuthenticateServer apdu 1", "mute", 1));
    r.at(105).apdu("lpa/2", "80E29101" + String.format("%02X", rest.length) + Hex.encode(rest), "");
    r.at(110).fail("engine", "faulty card", "download", null, "the card did not answer");
    return r.summary();
  }

  @Test
  void theReportRendersWithItsScriptRunAndNoScriptError(@TempDir Path dir) throws Exception {
    RunSummary run = sample();
    Path report = dir.resolve("report.html");
    List<KpiChart> kpis = new java.util.ArrayList<>();
    kpis.addAll(
        List.of(
            new KpiChart("Download success rate", "%", List.of(KpiChart.Row.of("download", 66.7))),
            new KpiChart(
                "Latency by function",
                "ms",
                List.of(
                    new KpiChart.Row("initiateAuthentication", List.of(3.0, 3.2, 9.5)),
                    new KpiChart.Row("authenticateClient", List.of(2.0, 4.1))))));
    // every kind of chart the KPI section draws, and the acceptance table
    List<org.rspharness.core.event.Event> load = KpiChartsTest.fiveDownloads().list;
    org.rspharness.scenario.kpi.Kpis k = org.rspharness.scenario.kpi.Kpis.of(load);
    kpis.addAll(KpiCharts.of(load, k));
    org.rspharness.scenario.kpi.Acceptance.Verdict verdict =
        org.rspharness.scenario.kpi.Acceptance.parse(
                "acceptance:\n  name: pilot\n  thresholds:\n    - {kpi: successRate, min: 95%}\n",
                "a.yaml")
            .evaluate(k);
    HtmlReport.write(run, kpis, verdict, report);
    // keep a copy to look at in a browser
    if (Files.isDirectory(Path.of("target"))) {
      Files.copy(
          report,
          Path.of("target", "sample-report.html"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    Result r = check(report);

    assertThat(r.output())
        .contains("ok   DOM has 3 scenario section(s) (found 3)")
        .contains("ok   page script ran")
        .contains("ok   no JavaScript error")
        .contains("ok   page requested nothing from the network")
        .contains("OK: ");
    assertThat(r.exit()).isZero();
  }

  @Test
  void aScriptErrorOrAPageThatDidNotRenderFailsTheCheck(@TempDir Path dir) throws Exception {
    String good = HtmlReport.render(sample());
    // the page's script breaks before it marks the body, and the page loads an image
    String broken =
        good.replace("<script>", "<script>undefinedFunctionOfTheReport();\n")
            .replace("</h1>", "</h1><img src=\"https://report-image.invalid/x.png\"/>");
    Path report = dir.resolve("broken.html");
    Files.writeString(report, broken, StandardCharsets.UTF_8);

    Result r = check(report);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.output())
        .contains("FAIL page script ran")
        .contains("FAIL no JavaScript error")
        .contains("undefinedFunctionOfTheReport")
        .contains("FAIL page requested nothing from the network")
        .contains("https://report-image.invalid/x.png");
  }
}
