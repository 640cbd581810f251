package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code load} against a field-like SM-DP+ (base64 with line breaks, which SGP.22 6.5 does not
 * allow and deployed LPAs read): by default the devices tolerate it and the run lists the deviation
 * with its count; {@code --strict} fails each download on it, as the letter of the spec says.
 */
class LoadStrictTest {

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  private final ByteArrayOutputStream out = console.out;

  private int load(String... extra) {
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
    return RspHarness.execute(args);
  }

  @Test
  void byDefaultTheDevicesInstallAndTheRunListsTheDeviation() {
    int exit = load();
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(text).isZero();
    assertThat(text)
        .contains("success rate                         100.0 %")
        .containsPattern("deviations from SGP\\.22: [1-9][0-9]* \\([1-9] kind\\(s\\)\\)")
        .contains("SM-DP+ broke SGP.22 6.5 (JSON body of ")
        .contains("seen by lpa-es9")
        .doesNotContain("[failed: strict]");
  }

  @Test
  void strictEveryDownloadFailsOnTheDeviation() {
    int exit = load("--strict");
    String text = out.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(text).isEqualTo(1);
    assertThat(text)
        .contains("deviation(s) from SGP.22 failed under --strict")
        .contains("result: FAILED")
        .contains("; strict (deviations from SGP.22 fail)")
        .contains("success rate                         0.0 %")
        .contains("[failed: strict]");
  }

  @Test
  void anUnknownQuirkIsAUsageErrorNamingTheOption() {
    assertThat(load("--smdp-quirk", "no-such-quirk")).isEqualTo(2);
    assertThat(console.err.toString(StandardCharsets.UTF_8))
        .contains("--smdp-quirk: quirk: unknown 'no-such-quirk'");
  }
}
