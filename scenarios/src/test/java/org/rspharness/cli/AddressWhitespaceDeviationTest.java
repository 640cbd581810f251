package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

  @RegisterExtension final CliFixture cli = new CliFixture();

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
    CliFixture.assertOneDeviation(
        cli.runScenario(scenario(dir, "success"), reports),
        reports,
        "SM-DP+ broke SGP.22 NotificationMetadata (notification address");
    assertThat(reports.resolve(Reports.JSON))
        .content()
        .contains("\"observed\" : \"' testsmdpplus1.example.com '\"");
    assertThat(reports.resolve("events.jsonl")).content().contains("\"tolerated\":true");
  }

  @Test
  void strictTheNotificationIsNotDelivered(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("out");
    // exit 0: the scenario expects the undelivered notification
    cli.runScenario(scenario(dir, "failure"), reports, "--strict");
    assertThat(reports.resolve("events.jsonl"))
        .content()
        .contains("\"tolerated\":false")
        .contains("notification address with whitespace (strict)");
  }
}
