package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;

/**
 * SGP.22 section 5.8: where a device's LPA sends ES11 is part of its LPA behaviour ({@code es9plus}
 * in every preset, as field LPAs do; {@code lpa: {es11Path: es11}} to change it), and a device's
 * own {@code es11Path} wins over the behaviour.
 */
class Es11PathBehaviourTest {

  @RegisterExtension final CliFixture cli = new CliFixture();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'{name: phone}', /gsma/rsp2/es9plus/",
    "'{name: phone, lpa: {preset: lpac, es11Path: es11}}', /gsma/rsp2/es11/",
    "'{name: phone, es11Path: es9plus, lpa: {es11Path: es11}}', /gsma/rsp2/es9plus/"
  })
  void theDevicesLpaBehaviourChoosesTheEs11Path(String device, String path, @TempDir Path dir)
      throws Exception {
    String iccid = "8900000000000001647";
    Path scenario =
        Files.writeString(
            dir.resolve("es11-path.yaml"),
            "name: es11-path\n"
                + "topology:\n"
                + "  smdp:\n"
                + "    inventory:\n"
                + "      profiles:\n"
                + "        - {iccid: \""
                + iccid
                + "\", profileType: lab, profilePackage: generated}\n"
                + "  devices:\n"
                + "    - "
                + device
                + "\n"
                + "steps:\n"
                + "  - name: order\n"
                + "    downloadOrder: {iccid: \""
                + iccid
                + "\", eid: \"${phone.eid}\"}\n"
                + "  - name: confirm\n"
                + "    confirmOrder: {iccid: \""
                + iccid
                + "\", eid: \"${phone.eid}\", smdsAddress: testrootsmds.example.com}\n"
                + "  - name: discover\n"
                + "    discover: {device: phone}\n");
    Path reports = dir.resolve("out");

    cli.runScenario(scenario, reports);
    Path events = reports.resolve("events.jsonl");
    List<String> smdsCalls =
        EventsJsonl.read(events).stream()
            .map(e -> e.payload())
            .filter(EventPayload.HttpExchange.class::isInstance)
            .map(p -> ((EventPayload.HttpExchange) p).url())
            .filter(u -> u.contains("testrootsmds.example.com"))
            .toList();
    assertThat(smdsCalls).isNotEmpty().allSatisfy(u -> assertThat(u).contains(path));
  }
}
