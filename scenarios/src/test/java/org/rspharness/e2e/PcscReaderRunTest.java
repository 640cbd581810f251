package org.rspharness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.TestPki;
import org.rspharness.cli.CliFixture;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.transport.vpcd.VpcdClient;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.scenario.report.Reports;

/**
 * A card in a PC/SC reader as a scenario device and as the device of a load run, through the real
 * pcscd and vpcd: our software eUICC sits behind vpcd, so every APDU of the run crosses pcscd, and
 * the expectations on the card's state are read through ES10 (GetProfilesInfo, ListNotification) as
 * an LPA reads them. A load on a reader has one device and one activation at a time.
 */
class PcscReaderRunTest {

  private static final String ICCID = "8900000000000000102";

  private static TestPki pki;
  private static Path pkiDir;

  @RegisterExtension final CliFixture cli = new CliFixture();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    PcscStack.start();
    pki =
        TestPki.builder()
            .random(RandomSource.seeded(102))
            .smdpHost("testsmdpplus1.example.com")
            .build();
    pkiDir = dir.resolve("pki");
    PkiDirectory.write(pki, pkiDir);
  }

  private static Euicc card() {
    Curve curve = Curve.NIST_P256;
    return Euicc.builder(EuiccIdentity.from(pki, Set.of(curve)))
        .config(EuiccConfig.defaults().withCurves(Set.of(curve)))
        .random(RandomSource.seeded(6))
        .build();
  }

  @Test
  void aScenarioDeviceOnAReaderDownloadsEnablesDeletesAndSendsNotifications(@TempDir Path dir)
      throws Exception {
    Path scenario =
        Files.writeString(
            dir.resolve("reader.yaml"),
            "name: reader-card\n"
                + "topology:\n"
                + "  pki: {directory: \""
                + pkiDir
                + "\"}\n"
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
                + "              - {operations: [install, enable, disable, delete], address:"
                + " testsmdpplus1.example.com}\n"
                + "  devices:\n"
                + "    - name: card\n"
                + "      reader: \""
                + PcscStack.READER
                + "\"\n"
                + "steps:\n"
                + "  - downloadOrder: {iccid: \""
                + ICCID
                + "\"}\n"
                + "  - confirmOrder: {iccid: \""
                + ICCID
                + "\", matchingId: READER-1}\n"
                + "    capture: {activationCode: activationCode}\n"
                + "  - download: {device: card, activationCode: \"${activationCode}\"}\n"
                + "  - enable: {device: card, iccid: \""
                + ICCID
                + "\"}\n"
                + "  - processNotifications: {device: card}\n"
                + "  - name: enabled\n"
                + "    waitUntil:\n"
                + "      condition:\n"
                + "        euicc: {device: card, exactly: true, profiles: [{iccid: \""
                + ICCID
                + "\", state: enabled}], pendingNotifications: []}\n"
                + "      timeout: 1s\n"
                + "  - disable: {device: card, iccid: \""
                + ICCID
                + "\"}\n"
                + "  - delete: {device: card, iccid: \""
                + ICCID
                + "\"}\n"
                + "  - name: pending\n"
                + "    waitUntil:\n"
                + "      condition:\n"
                + "        euicc:\n"
                + "          device: card\n"
                + "          exactly: true\n"
                + "          profiles: []\n"
                + "          pendingNotifications:\n"
                + "            - {operation: disable, iccid: \""
                + ICCID
                + "\"}\n"
                + "            - {operation: delete, iccid: \""
                + ICCID
                + "\"}\n"
                + "      timeout: 1s\n"
                + "  - processNotifications: {device: card}\n"
                + "expect:\n"
                + "  - euicc: {device: card, exactly: true, profiles: [], pendingNotifications: []}\n"
                + "  - smdpOrder: {iccid: \""
                + ICCID
                + "\", state: Installed}\n");
    Euicc euicc = card();
    Path reports = dir.resolve("out");
    String console;
    try (VpcdClient vpcd = PcscStack.insert(euicc)) {
      console = cli.runScenario(scenario, reports);
    }
    assertThat(console).contains("PASS reader-card");
    // the card behind vpcd went through it all: installed once, nothing left
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(euicc.state().notifications()).isEmpty();
    List<Event> events = EventsJsonl.read(reports.resolve("events.jsonl"));
    assertThat(events.stream().filter(e -> e.payload() instanceof EventPayload.ApduExchange))
        .hasSizeGreaterThan(20);
  }

  @Test
  void aLoadOnAReaderRunsOneActivationAtATimeAndMakesRoomAfterEach(@TempDir Path dir)
      throws Exception {
    Euicc euicc = card();
    Path reports = dir.resolve("out");
    int exit;
    try (VpcdClient vpcd = PcscStack.insert(euicc)) {
      exit =
          cli.run(
              "load",
              "--reader",
              PcscStack.READER,
              "--count",
              "2",
              "--pki",
              pkiDir.toString(),
              "--enable",
              "--quiet",
              "--report-dir",
              reports.toString());
    }
    String console = cli.out();
    List<Event> events = EventsJsonl.read(reports.resolve("events.jsonl"));
    String failures =
        events.stream()
            .filter(e -> e.payload() instanceof EventPayload.StepFinished f && !f.ok())
            .map(e -> e.source() + ": " + e.payload())
            .toList()
            .toString();
    assertThat(exit).as(console).isZero();
    assertThat(console)
        .as(failures)
        .contains("load: 1 devices, concurrency 1, 2 activations")
        .contains("devices: LPA spec (")
        .contains("card in PC/SC reader '" + PcscStack.READER + "'")
        .contains("success rate                         100.0 %");
    Kpis kpis = Kpis.of(events);
    assertThat(kpis.downloadSuccesses()).isEqualTo(2);
    assertThat(kpis.devices()).isEqualTo(1);
    // each installed profile was deleted after its activation, its notifications sent
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(euicc.state().notifications()).isEmpty();
    assertThat(reports.resolve(Reports.JSON)).content().contains("\"result\" : \"PASSED\"");
  }

  @Test
  void compatOnAReaderGivesARowPerLpaPresetAndLeavesTheCardAsItFoundIt(@TempDir Path dir)
      throws Exception {
    Euicc euicc = card();
    int exit;
    try (VpcdClient vpcd = PcscStack.insert(euicc)) {
      exit =
          cli.run(
              "compat",
              "--reader",
              PcscStack.READER,
              "--pki",
              pkiDir.toString(),
              "--suite",
              "library/nominal-download-nist.yaml",
              "--lpa",
              "spec,lpac",
              "--report-dir",
              dir.toString());
    }
    String console = cli.out();
    // the second row downloads the same ICCID again: it installs only because the first row's
    // profile was deleted from the card when its scenario ended
    Path table = dir.resolve("compat.json");
    assertThat(exit).as(console + (Files.exists(table) ? Files.readString(table) : "")).isZero();
    assertThat(console)
        .contains("1 scenario(s) x 2 variant(s)")
        .containsPattern("reader 'Virtual PCD 00 00' lpa=spec +PASS")
        .containsPattern("reader 'Virtual PCD 00 00' lpa=lpac +PASS");
    assertThat(euicc.state().profiles()).isEmpty();
  }

  @Test
  void lpaReadersListsEachReaderWithItsCardAsJsonLinesOfThePublishedSchema() throws Exception {
    CliFixture.Run readers;
    try (VpcdClient vpcd = PcscStack.insert(card())) {
      readers = cli.json("lpa", "readers");
    }
    assertThat(readers.exit()).as(readers.err()).isZero();
    List<JsonNode> lines = readers.lines();
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("type").asText()).isEqualTo("item");
              assertThat(l.get("data").get("reader").asText()).isEqualTo(PcscStack.READER);
              assertThat(l.get("data").get("cardPresent").asBoolean()).isTrue();
            });
    assertThat(lines.get(lines.size() - 1).get("data").get("count").asInt())
        .isEqualTo(lines.size() - 1);
  }

  @Test
  void aLoadAskingAReaderForManyDevicesIsAUsageError() {
    cli.expect(2, "load", "--reader", PcscStack.READER, "--devices", "4", "--concurrency", "2");
    assertThat(cli.err())
        .contains("--reader holds one card: a load on it has 1 device and concurrency 1")
        .contains("use --devices 1 --concurrency 1");
  }
}
