package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.scenario.report.Reports;

/**
 * SGP.22 NotificationMetadata: notificationAddress is an FQDN. A field SM-DP+ that puts spaces
 * around it (a copy-and-paste slip in its configuration) gets its notifications anyway from
 * deployed LPAs, which trim the address: our LPA delivers too and every report lists the deviation;
 * {@code --strict} leaves the notification undelivered, as the letter of the spec gives.
 */
class AddressWhitespaceDeviationTest {

  private static final String ICCID = "8900000000000000094";

  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

  private static Path scenario(Path dir, String notifyOutcome) throws Exception {
    return Files.writeString(
        dir.resolve("address-whitespace.yaml"),
        "name: address-whitespace\n"
            + "topology:\n"
            + "  smdp:\n"
            + "    inventory:\n"
            + "      profiles:\n"
            + "        - iccid: \""
            + ICCID
            + "\"\n"
            + "          profileType: lab\n"
            + "          profilePackage: generated\n"
            + "          metadata:\n"
            + "            serviceProviderName: RSP Harness\n"
            + "            profileName: lab\n"
            + "            notifications:\n"
            + "              - {operations: [enable], address: \" testsmdpplus1.example.com \"}\n"
            + "  devices:\n"
            + "    - name: phone\n"
            + "steps:\n"
            + "  - downloadOrder: {iccid: \""
            + ICCID
            + "\"}\n"
            + "  - confirmOrder: {iccid: \""
            + ICCID
            + "\", matchingId: SPACES}\n"
            + "    capture: {activationCode: activationCode}\n"
            + "  - download: {device: phone, activationCode: \"${activationCode}\"}\n"
            + "  - enable: {device: phone, iccid: \""
            + ICCID
            + "\"}\n"
            + "  - name: notify\n"
            + "    processNotifications: {device: phone}\n"
            + "    expect: {outcome: "
            + notifyOutcome
            + "}\n");
  }

  @Test
  void byDefaultTheNotificationIsDeliveredAndTheReportsListTheDeviation(@TempDir Path dir)
      throws Exception {
    Path reports = dir.resolve("out");
    int code =
        RspHarness.execute(
            "run", scenario(dir, "success").toString(), "--report-dir", reports.toString());
    String out = console.out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    assertThat(out)
        .contains("deviations from SGP.22: 1 (1 kind(s))")
        .contains("SM-DP+ broke SGP.22 NotificationMetadata (notification address");
    assertThat(reports.resolve(Reports.JSON))
        .content()
        .containsPattern("\"deviations\"\\s*:\\s*1\\b")
        .contains("\"observed\" : \"' testsmdpplus1.example.com '\"");
    assertThat(reports.resolve("events.jsonl")).content().contains("\"tolerated\":true");
  }

  @Test
  void strictTheNotificationIsNotDelivered(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("out");
    int code =
        RspHarness.execute(
            "run",
            scenario(dir, "failure").toString(),
            "--strict",
            "--report-dir",
            reports.toString());
    String out = console.out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero(); // the scenario expects the undelivered notification
    assertThat(reports.resolve("events.jsonl"))
        .content()
        .contains("\"tolerated\":false")
        .contains("notification address with whitespace (strict)");
  }
}
