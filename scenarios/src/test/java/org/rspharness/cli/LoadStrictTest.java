package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code load} against a field-like SM-DP+ (base64 with line breaks, which SGP.22 6.5 does not
 * allow and deployed LPAs read): by default the devices tolerate it and the run lists the deviation
 * with its count; {@code --strict} fails each download on it, as the letter of the spec says.
 */
class LoadStrictTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  /** A small load against the quirky SM-DP+ with {@code extra} options; what it printed. */
  private String load(int exit, String... extra) {
    String[] base = {
      "load",
      "--devices",
      "2",
      "--concurrency",
      "2",
      "--count",
      "2",
      "--quiet",
      "--seed",
      "5",
      "--smdp-quirk",
      "base64-line-breaks"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.expect(exit, args);
  }

  @Test
  void byDefaultTheDevicesInstallAndTheRunListsTheDeviation() {
    assertThat(load(0))
        .contains("success rate                         100.0 %")
        .containsPattern("deviations from SGP\\.22: [1-9][0-9]* \\([1-9] kind\\(s\\)\\)")
        .contains("SM-DP+ broke SGP.22 6.5 (JSON body of ")
        .contains("seen by lpa-es9")
        .doesNotContain("[failed: strict]");
  }

  @Test
  void strictEveryDownloadFailsOnTheDeviation() {
    assertThat(load(1, "--strict"))
        .contains("deviation(s) from SGP.22 failed under --strict")
        .contains("result: FAILED")
        .contains("; strict (deviations from SGP.22 fail)")
        .contains("success rate                         0.0 %")
        .contains("[failed: strict]");
  }

  @Test
  void anUnknownQuirkIsAUsageErrorNamingTheOption() {
    load(2, "--smdp-quirk", "no-such-quirk");
    assertThat(cli.err()).contains("--smdp-quirk: quirk: unknown 'no-such-quirk'");
  }
}
