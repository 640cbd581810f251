package org.rspharness.scenario.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load errors keep the detail that lets a user fix the file without guessing. */
class LoadErrorDetailTest {

  @TempDir Path dir;

  @Test
  void badYamlKeepsTheParsersOwnWordsAndPosition() {
    String yaml = "name: broken\nsteps:\n  - {name: a, es10: {command: x}\n  - name: b\n";
    assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "broken.yaml", dir))
        .isInstanceOf(ScenarioLoadException.class)
        .hasMessageStartingWith("broken.yaml:4:")
        .hasMessageContaining("not valid YAML: while parsing a flow mapping")
        .hasMessageContaining("expected ',' or '}'")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aTypoInsideAnInlineInventoryPointsAtItsLine() {
    String yaml =
        String.join(
            "\n",
            "name: inventory-typo",
            "topology:",
            "  smdp:",
            "    inventory:",
            "      profiles:",
            "        - iccid: \"8900000000000000029\"",
            "          profileType: lab",
            "          profilePackage: generated",
            "        - iccid: \"8900000000000000037\"",
            "          profileTyp: lab",
            "          profilePackage: generated",
            "  devices: [{name: phone}]",
            "steps:",
            "  - {name: order, downloadOrder: {iccid: \"8900000000000000029\"}}",
            "");
    assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "typo.yaml", dir))
        .isInstanceOf(ScenarioLoadException.class)
        .hasMessageStartingWith(
            "typo.yaml:10:11: field 'topology.smdp.inventory.profiles[1].profileTyp'")
        .hasMessageContaining("unknown field 'profileTyp'");
  }
}
