package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * LPA behaviour settings that act in the LPA itself, shown through scenarios against the embedded
 * SM-DP+: the CancelSession reason policy and the notification retry / removal policy.
 */
class LpaBehaviourRunTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  /** Runs scenario {@code yaml} (which must pass) with its reports in {@code dir/name}. */
  private void run(Path dir, String name, String yaml) throws Exception {
    cli.runScenario(Files.writeString(dir.resolve(name + ".yaml"), yaml), dir.resolve(name));
  }

  private static String postponed(String lpa, String orderState) {
    return "name: postponed\n"
        + "topology:\n"
        + "  smdp:\n"
        + "    inventory:\n"
        + "      profiles:\n"
        + "        - {iccid: \"8900000000000000284\", profileType: lab, profilePackage: generated,"
        + " state: Released, matchingId: POSTPONE}\n"
        + "  devices:\n"
        + "    - {name: phone"
        + lpa
        + "}\n"
        + "steps:\n"
        + "  - name: postponed\n"
        + "    download: {device: phone, activationCode: \"1$testsmdpplus1.example.com$POSTPONE\","
        + " consent: postpone}\n"
        + "    expect: {outcome: failure}\n"
        + "expect:\n"
        + "  - smdpOrder: {iccid: \"8900000000000000284\", state: "
        + orderState
        + "}\n";
  }

  @Test
  void perFailureSendsPostponedAndTheOrderStaysReleased(@TempDir Path dir) throws Exception {
    run(dir, "spec", postponed("", "Released"));
    assertThat(dir.resolve("spec/events.jsonl")).content().contains("postponed(1)");
  }

  @Test
  void alwaysEndUserRejectionEndsThePostponedOrderInError(@TempDir Path dir) throws Exception {
    run(dir, "always", postponed(", lpa: {cancelReason: always-end-user-rejection}", "Error"));
    assertThat(dir.resolve("always/events.jsonl")).content().contains("endUserRejection(0)");
  }

  private static String lostNotification(String lpa, String pending) {
    return "name: lost-notification\n"
        + "topology:\n"
        + "  smdp:\n"
        + "    inventory:\n"
        + "      profiles:\n"
        + "        - {iccid: \"8900000000000000011\", profileType: lab, profilePackage: generated,"
        + " state: Released, matchingId: NOTIFY}\n"
        + "  devices:\n"
        + "    - {name: phone"
        + lpa
        + "}\n"
        + "faults:\n"
        + "  rules:\n"
        + "    - {layer: network-client, target: handleNotification, point: request-start,"
        + " fault: reset}\n"
        + "steps:\n"
        + "  - name: download\n"
        + "    download: {device: phone, activationCode: \"1$testsmdpplus1.example.com$NOTIFY\"}\n"
        + "expect:\n"
        + "  - euicc:\n"
        + "      device: phone\n"
        + "      pendingNotifications: "
        + pending
        + "\n";
  }

  @Test
  void removeUndeliveredDropsTheNotificationAfterItsOneAttempt(@TempDir Path dir) throws Exception {
    run(
        dir,
        "remove",
        lostNotification(", lpa: {notificationAttempts: 1, removeUndelivered: true}", "[]"));
    String events = Files.readString(dir.resolve("remove/events.jsonl"));
    assertThat(events).contains("removed from the eUICC undelivered");
    assertThat(events.split("\"function\":\"handleNotification\"", -1)).hasSize(2); // 1 attempt
  }

  @Test
  void specRetriesUntilTheNotificationIsDelivered(@TempDir Path dir) throws Exception {
    run(dir, "keep", lostNotification("", "[]"));
    String events = Files.readString(dir.resolve("keep/events.jsonl"));
    assertThat(events).doesNotContain("removed from the eUICC undelivered");
    // more than the one attempt of the profile above (the spec profile allows 3)
    assertThat(events.split("\"function\":\"handleNotification\"", -1).length).isGreaterThan(2);
    // a later attempt got through: nothing is left pending, and nothing was dropped undelivered
    assertThat(Files.readString(dir.resolve("keep/summary.json"))).contains("\"PASSED\"");
  }
}
