package org.rspharness.scenario.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.scenario.kpi.Threshold;

/** The {@code load:} block: stages and their gates, read strictly with file:line:column errors. */
class StageLoaderTest {

  private static final String HEAD =
      """
      name: t
      topology:
        smdp:
          inventory:
            profiles: [{iccid: "8900000000000000011", profileType: lab}]
        devices:
          - name: phone
      """;

  private static String error(String yaml) {
    return ScenarioLoaderTest.loadError(yaml);
  }

  @Test
  void readsTheLibrarysStagedRolloutAndTheSchemaAcceptsIt() throws IOException {
    Path file = Path.of("library/staged-rollout.yaml");
    Scenario s = ScenarioLoader.load(file);
    assertThat(s.steps()).isEmpty();
    Load load = s.load();
    assertThat(load.curve()).isEqualTo(Curve.NIST_P256);
    assertThat(load.stages()).extracting(Stage::name).containsExactly("pilot", "wave-1");
    Stage pilot = load.stages().get(0);
    assertThat(pilot.devices()).isEqualTo(10);
    assertThat(pilot.concurrency()).isEqualTo(5);
    assertThat(pilot.count()).as("one activation per device by default").isEqualTo(10);
    assertThat(pilot.attempts()).isEqualTo(2);
    assertThat(pilot.rampUp()).isEqualTo(Duration.ZERO);
    assertThat(pilot.acceptance())
        .extracting(Threshold::kpi, Threshold::min, Threshold::max)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("successRate", 0.95, null),
            org.assertj.core.groups.Tuple.tuple("timeToActivate.p95", null, 30.0));
    assertThat(load.stages().get(1).gated()).isFalse();
    assertThat(s.faults().profile().latency()).isEqualTo(Duration.ofMillis(100));
    assertThat(s.withSeed(9).load()).isEqualTo(load);

    var errors =
        ScenarioSchemaTest.schema()
            .validate(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
    assertThat(errors).isEmpty();
  }

  @Test
  void aScenarioNeedsStepsOrALoad() {
    assertThat(error(HEAD)).isEqualTo("bad.yaml:1:1: field 'steps': missing; expected a list");
  }

  @Test
  void stepsAndALoadGoTogether() {
    Scenario s =
        ScenarioLoader.parse(
            HEAD
                + """
                steps:
                  - powerCycle: {device: phone}
                load:
                  curve: brainpool
                  stages:
                    - {name: s1, devices: 2, duration: 3s, rampUp: 1s, enable: true}
                """,
            "ok.yaml",
            null);
    assertThat(s.steps()).hasSize(1);
    Stage st = s.load().stages().get(0);
    assertThat(s.load().curve()).isEqualTo(Curve.BRAINPOOL_P256R1);
    assertThat(st.duration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(st.rampUp()).isEqualTo(Duration.ofSeconds(1));
    assertThat(st.enable()).isTrue();
    assertThat(st.count()).as("a duration, no count").isZero();
  }

  @Test
  void rejectsAnUnknownStageFieldWhereItIs() {
    assertThat(
            error(
                HEAD
                    + """
                    load:
                      stages:
                        - name: s1
                          devises: 3
                    """))
        .isEqualTo(
            "bad.yaml:11:7: field 'load.stages[0].devises': unknown field; expected one of"
                + " [name, devices, concurrency, count, duration, rampUp, enable, attempts,"
                + " acceptance]");
  }

  @Test
  void rejectsALimitInTheWrongUnitAtTheLimit() {
    assertThat(
            error(
                HEAD
                    + """
                    load:
                      stages:
                        - name: s1
                          devices: 3
                          acceptance:
                            thresholds:
                              - {kpi: timeToActivate.p95, max: 95%}
                    """))
        .isEqualTo(
            "bad.yaml:14:39: field 'load.stages[0].acceptance.thresholds[0].max': expected a"
                + " duration such as 1500ms, 2s, 5m or 1h for a time, got '95%'");
  }

  @Test
  void rejectsAnUnknownKpiAtTheKpi() {
    assertThat(
            error(
                HEAD
                    + """
                    load:
                      stages:
                        - name: s1
                          devices: 3
                          acceptance: {thresholds: [{kpi: speed, min: 3}]}
                    """))
        .startsWith(
            "bad.yaml:12:34: field 'load.stages[0].acceptance.thresholds[0].kpi': expected one"
                + " of successRate,");
  }

  @Test
  void rejectsCountAndDurationTogetherAndTwoStagesOfOneName() {
    assertThat(
            error(
                HEAD
                    + """
                    load:
                      stages:
                        - {name: s1, devices: 3, count: 3, duration: 2s}
                    """))
        .isEqualTo(
            "bad.yaml:10:40: field 'load.stages[0].duration': give count or duration, not both");
    assertThat(
            error(
                HEAD
                    + """
                    load:
                      stages:
                        - {name: s1, devices: 3}
                        - {name: s1, devices: 0}
                    """))
        .isEqualTo(
            "bad.yaml:11:27: field 'load.stages[1].devices': expected a whole number of at least"
                + " 1, got 0");
    assertThat(
            error(
                HEAD
                    + """
                    load:
                      stages:
                        - {name: s1, devices: 3}
                        - {name: s1, devices: 4}
                    """))
        .isEqualTo("bad.yaml:11:8: field 'load.stages[1].name': stage name 's1' appears twice");
  }
}
