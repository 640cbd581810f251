package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code rsp-harness compat} on a small grid: a row per variant, a column per scenario. */
class CompatCommandTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  @Test
  void aSmallGridGivesARowPerVariantAndACellPerScenario(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("out");
    String console =
        cli.ok(
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
    String console =
        cli.expect(
            1,
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
    assertThat(console).contains("svn 2.3.0 nist 0KiB lpa=spec").contains("FAIL");
  }

  @Test
  void theProfileCapacityAxisShowsWhereASwapNoLongerFits(@TempDir Path dir) throws Exception {
    // a swap needs two profiles on the card: with room for one, the second download is refused
    String console =
        cli.expect(
            1,
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
    assertThat(console)
        .containsPattern("svn 2\\.2\\.2 nist max 1 profile\\(s\\) lpa=spec +FAIL")
        .containsPattern("svn 2\\.2\\.2 nist max 2 profile\\(s\\) lpa=spec +PASS");
    assertThat(dir.resolve("compat.json"))
        .content()
        .contains("\"variant\" : \"svn 2.2.2 nist max 1 profile(s) lpa=spec\"")
        .containsPattern("\"firstFailure\" : \"download");
  }
}
