package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.scenario.report.Reports;
import org.rspharness.smdp.bpp.ProfilePackages;

/**
 * The field SM-DP+ of the bug report, played by the embedded one (quirk long-bsp-segments:
 * 1036-byte segments, SGP.22 2.5.5 allows 1020): by default the download installs and every report
 * lists the deviation; {@code --strict} fails it with errorReason 7 (scp03tStructureError).
 */
class DeviationRunTest {

  private static final String ICCID = "8900000000000000037";

  @RegisterExtension final CliFixture cli = new CliFixture();

  /** A profile of several kilobytes (a PE-NonStandard between header and end) as a package file. */
  private static Path bigProfile(Path dir) throws Exception {
    byte[] minimal = ProfilePackages.minimal(Iccid.of(ICCID));
    byte[] filler = new byte[4000];
    for (int i = 0; i < filler.length; i++) {
      filler[i] = (byte) (i * 7);
    }
    // PE-NonStandard ('A9'): a PEHeader (identification 5) and opaque content
    byte[] opaque =
        TlvBuilder.constructed(0xA9)
            .add(TlvBuilder.constructed(0xA0).add(0x81, new byte[] {5}))
            .add(0x04, filler)
            .build();
    // the minimal package ends with PE-End (AA ...): put the opaque PE before it
    int end = minimal.length - 1;
    while (minimal[end] != (byte) 0xAA) {
      end--;
    }
    byte[] upp = new byte[minimal.length + opaque.length];
    System.arraycopy(minimal, 0, upp, 0, end);
    System.arraycopy(opaque, 0, upp, end, opaque.length);
    System.arraycopy(minimal, end, upp, end + opaque.length, minimal.length - end);
    return Files.write(dir.resolve("big.der"), upp);
  }

  private static Path scenario(Path dir, String outcome) throws Exception {
    Path profile = bigProfile(dir);
    return Files.writeString(
        dir.resolve("field-segments-" + outcome + ".yaml"),
        "name: field-segments\n"
            + "topology:\n"
            + "  smdp:\n"
            + "    quirks: [long-bsp-segments]\n"
            + "    inventory:\n"
            + "      profiles:\n"
            + "        - {iccid: \""
            + ICCID
            + "\", profileType: lab, profilePackage: \""
            + profile
            + "\"}\n"
            + "  devices:\n"
            + "    - name: phone\n"
            + "steps:\n"
            + "  - name: order\n"
            + "    downloadOrder: {iccid: \""
            + ICCID
            + "\"}\n"
            + "  - name: confirm\n"
            + "    confirmOrder: {iccid: \""
            + ICCID
            + "\", matchingId: FIELD-1}\n"
            + "    capture: {smdpAddress: smdpAddress}\n"
            + "  - name: download\n"
            + "    download: {device: phone, activationCode: \"1$${smdpAddress}$FIELD-1\"}\n"
            + "    expect: {outcome: "
            + outcome
            + "}\n");
  }

  @Test
  void byDefaultTheDownloadInstallsAndEveryReportListsTheDeviation(@TempDir Path dir)
      throws Exception {
    Path reports = dir.resolve("out");
    CliFixture.assertOneDeviation(
        cli.runScenario(scenario(dir, "success"), reports),
        reports,
        "SM-DP+ broke SGP.22 2.5.5 (BSP segment length (tag 86)): 1036 bytes");
    assertThat(reports.resolve(Reports.JSON))
        .content()
        .containsPattern("\"observed\"\\s*:\\s*\"1036 bytes\"");
    assertThat(reports.resolve(Reports.HTML))
        .content()
        .contains("Deviations from SGP.22")
        .contains("1036 bytes");
    assertThat(reports.resolve(Reports.JUNIT))
        .content()
        .contains("<property name=\"deviations\" value=\"1\"")
        .contains("<property name=\"deviation.1\"");
  }

  @Test
  void strictTheSameDownloadFailsWithScp03tStructureError(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("out");
    // exit 0: the scenario expects the failure
    cli.runScenario(scenario(dir, "failure"), reports, "--strict");
    assertThat(reports.resolve("events.jsonl"))
        .content()
        .contains("\"tolerated\":false")
        .containsPattern("scp03tStructureError|errorReason[^0-9]*7");
  }
}
