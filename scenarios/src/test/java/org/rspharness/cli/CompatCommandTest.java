package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code rsp-harness compat} on a small grid: a row per variant, a column per scenario. */
class CompatCommandTest {

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  private final ByteArrayOutputStream out = console.out;

  @Test
  void aSmallGridGivesARowPerVariantAndACellPerScenario(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("out");
    int code =
        RspHarness.execute(
            "compat",
            "--suite",
            "library/delete-then-redownload.yaml,library/memory-full.yaml",
            "--svn",
            "2.2.2,2.5.0",
            "--curve",
            "nist",
            "--lpa",
            "spec,lpac",
            "--report-dir",
            reports.toString());
    String console = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(console).isZero();
    assertThat(console)
        .contains("2 scenario(s) x 4 variant(s)")
        .contains("svn 2.2.2 nist lpa=spec")
        .contains("svn 2.5.0 nist lpa=lpac")
        .contains("delete-then-redownload")
        .contains("memory-full");
    assertThat(console.lines().filter(l -> l.startsWith("svn ")).count()).isEqualTo(4);
    assertThat(reports.resolve("compat.json"))
        .content()
        .contains("\"variant\" : \"svn 2.5.0 nist lpa=lpac\"")
        .contains("\"result\" : \"PASS\"");
    assertThat(reports.resolve("compat.html")).content().contains("<td class=\"PASS\">PASS");
  }

  @Test
  void aVariantTheScenarioCannotServeIsAFailingCellWithItsStatus(@TempDir Path dir)
      throws Exception {
    // no free memory: the download cannot install (insufficientMemory)
    int code =
        RspHarness.execute(
            "compat",
            "--suite",
            "library/delete-then-redownload.yaml",
            "--svn",
            "2.3.0",
            "--curve",
            "nist",
            "--memory",
            "0",
            "--report-dir",
            dir.toString());
    String console = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(console).isEqualTo(1);
    assertThat(console).contains("svn 2.3.0 nist 0KiB lpa=spec").contains("FAIL");
  }

  @Test
  void theProfileCapacityAxisShowsWhereASwapNoLongerFits(@TempDir Path dir) throws Exception {
    // a swap needs two profiles on the card: with room for one, the second download is refused
    int code =
        RspHarness.execute(
            "compat",
            "--suite",
            "library/profile-swap.yaml",
            "--svn",
            "2.2.2",
            "--curve",
            "nist",
            "--capacity",
            "1,2",
            "--report-dir",
            dir.toString());
    String console = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(console).isEqualTo(1);
    assertThat(console)
        .containsPattern("svn 2\\.2\\.2 nist max 1 profile\\(s\\) lpa=spec +FAIL")
        .containsPattern("svn 2\\.2\\.2 nist max 2 profile\\(s\\) lpa=spec +PASS");
    assertThat(dir.resolve("compat.json"))
        .content()
        .contains("\"variant\" : \"svn 2.2.2 nist max 1 profile(s) lpa=spec\"")
        .containsPattern("\"firstFailure\" : \"download");
  }
}
