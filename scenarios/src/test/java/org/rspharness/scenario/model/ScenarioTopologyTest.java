package org.rspharness.scenario.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.smdp.inventory.Inventory;
import org.rspharness.smdp.order.Order;

class ScenarioTopologyTest {

  @TempDir Path dir;

  @Test
  void anInlineInventoryIsOneSmdpSimAccepts() throws IOException {
    for (String name : List.of("nominal-download-nist.yaml", "profile-swap.yaml")) {
      Scenario s = ScenarioLoader.load(ScenarioLoaderTest.example(name));
      Smdp.InlineInventory inv =
          (Smdp.InlineInventory) ((Smdp.Embedded) s.topology().smdp()).inventory();
      Path file = Files.writeString(dir.resolve(name), inv.toYaml());
      List<Order> orders = Inventory.load(file);
      assertThat(orders).extracting(o -> o.iccid().value()).contains("8900000000000000011");
    }
  }

  @Test
  void loadsARemoteSmdpWithEs2CredentialsRelativeToTheFile() throws IOException {
    Files.writeString(dir.resolve("op.pem"), "x");
    Files.writeString(dir.resolve("op.key"), "x");
    Files.createDirectories(dir.resolve("pki"));
    Path file =
        Files.writeString(
            dir.resolve("remote.yaml"),
            """
            name: remote
            topology:
              smdp:
                url: https://smdp.example.com:8443
                es2: {url: "https://smdp.example.com:8444", clientCert: op.pem, clientKey: op.key}
              pki: {directory: pki}
              devices:
                - {name: a, ciList: [pki, other]}
                - {name: b, ppr: {allowPpr1: false}, tac: "35693803"}
            steps:
              - name: both
                parallel:
                  steps:
                    - repeat:
                        times: 2
                        index: i
                        steps:
                          - nickname: {device: a, iccid: "89000000000000000${i}", nickname: n}
                    - es10: {device: b, command: BF2E00}
                      capture: {challenge: response}
                      expect: {sw: "9000"}
              - waitUntil:
                  condition: {euicc: {device: b, pendingNotifications: []}}
                  timeout: 30s
              - es10: {device: a, command: "BF2D00${challenge}"}
            """);
    Scenario s = ScenarioLoader.load(file);
    assertThat(
            ScenarioSchemaTest.schema()
                .validate(
                    new com.fasterxml.jackson.databind.ObjectMapper(
                            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        .readTree(file.toFile())))
        .as("the schema accepts what the loader accepts")
        .isEmpty();
    assertThat(s.topology().smdp())
        .isEqualTo(
            new Smdp.Remote(
                URI.create("https://smdp.example.com:8443"),
                new Smdp.Es2(
                    URI.create("https://smdp.example.com:8444"),
                    dir.resolve("op.pem"),
                    dir.resolve("op.key"))));
    assertThat(s.topology().pki()).isEqualTo(new Pki.Directory(dir.resolve("pki")));
    Device b = s.topology().devices().get(1);
    assertThat(b.ppr()).isEqualTo(new Device.PprPolicy(false, true));
    assertThat(b.tac()).isEqualTo("35693803");
    assertThat(s.topology().devices().get(0).ciList()).hasSize(2);
    Action.WaitUntil w = (Action.WaitUntil) s.steps().get(1).action();
    assertThat(w.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(((Expectation.EuiccState) w.condition()).pendingNotifications()).isEmpty();
    assertThat(s.stepNames()).containsExactly("both");
  }

  @Test
  void aLoopIndexIsNotVisibleAfterItsLoop() {
    String yaml =
        """
        name: t
        topology:
          smdp: {inventoryFile: inv.yaml}
          devices: [{name: a}]
        steps:
          - repeat:
              times: 2
              index: i
              steps: [{powerCycle: {device: a}}]
          - delete: {device: a, iccid: "${i}"}
        """;
    try {
      Files.writeString(dir.resolve("inv.yaml"), "profiles: []\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> ScenarioLoader.parse(yaml, "t.yaml", dir)))
        .hasMessageStartingWith(
            "t.yaml:10:25: field 'steps[1].delete.iccid': '${i}' is not captured");
  }

  @Test
  void aMistakeInTheInlineInventoryFailsTheLoad() {
    String yaml =
        """
        name: t
        topology:
          smdp:
            inventory:
              profiles: [{iccid: "8900000000000000011", profileTyp: lab}]
          devices: [{name: a}]
        steps:
          - powerCycle: {device: a}
        """;
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> ScenarioLoader.parse(yaml, "t.yaml", dir)))
        .isInstanceOf(ScenarioLoadException.class)
        .hasMessageStartingWith(
            "t.yaml:5:49: field 'topology.smdp.inventory.profiles[0].profileTyp': smdp-sim's"
                + " inventory loader refuses it:")
        .hasMessageContaining("profileTyp")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aMissingPathIsALoadError() {
    String yaml =
        """
        name: t
        topology:
          smdp: {inventoryFile: nowhere.yaml}
          devices: [{name: a}]
        steps:
          - powerCycle: {device: a}
        """;
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> ScenarioLoader.parse(yaml, "t.yaml", dir)))
        .isInstanceOf(ScenarioLoadException.class)
        .hasMessageStartingWith(
            "t.yaml:3:25: field 'topology.smdp.inventoryFile': expected an existing file");
  }
}
