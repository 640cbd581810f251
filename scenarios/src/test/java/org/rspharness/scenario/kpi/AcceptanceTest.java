package org.rspharness.scenario.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceptanceTest {

  private static final String PILOT =
      """
      acceptance:
        name: pilot
        networkProfile: 3g-poor      # informative
        thresholds:
          - {kpi: successRate, min: 95%}
          - {kpi: timeToActivate.p95, max: 30s}
          - {kpi: mttr, max: 60s}
      """;

  /**
   * n devices each activating once (ok) in 1 s; {@code failing} of them have a failed activation
   * first (one attempt, given up, as the load generator's activation steps record it).
   */
  private static Kpis run(int n, int failing, long downloadMillis) {
    Events e = new Events();
    long t = 0;
    for (int i = 0; i < n; i++) {
      String d = "d" + i;
      if (i < failing) {
        e.at(t)
            .start(d, d + " gave up", "activation")
            .start(d, d + " first", "download")
            .at(t + 100)
            .fail(d, d + " first", "8.1/4.2")
            .fail(d, d + " gave up", null);
      }
      e.at(t + 200)
          .start(d, d + " retry", "download")
          .at(t + 200 + downloadMillis)
          .ok(d, d + " retry");
      t += 10;
    }
    return Kpis.of(e.list);
  }

  @Test
  void parsesThresholdsInTheirUnits() {
    Acceptance a = Acceptance.parse(PILOT, "sla.yaml");
    assertThat(a.name()).isEqualTo("pilot");
    assertThat(a.networkProfile()).isEqualTo("3g-poor");
    assertThat(a.thresholds()).hasSize(3);
    assertThat(a.thresholds().get(0).min()).isCloseTo(0.95, within(1e-12));
    assertThat(a.thresholds().get(1).max()).isEqualTo(30.0);
    assertThat(a.thresholds().get(2).max()).isEqualTo(60.0);
  }

  @Test
  void aRunThatMeetsEveryThresholdPasses() {
    // 1 failure in 21 attempts: 95.2 % success; TTA p95 <= 1.2 s; MTTR 1.2 s
    Acceptance.Verdict v = Acceptance.parse(PILOT, "sla.yaml").evaluate(run(20, 1, 1000));
    assertThat(v.passed()).isTrue();
    assertThat(v.checks()).allSatisfy(c -> assertThat(c.passed()).isTrue());
    assertThat(v.render())
        .contains("acceptance 'pilot' (network profile 3g-poor)")
        .contains("PASS  successRate = 95.2 % (limit >= 95.0 %)")
        .contains("PASS  mttr = 1200.0ms (limit <= 60.00s)")
        .contains("verdict: PASSED (3 thresholds met)");
  }

  @Test
  void aRunThatMissesAThresholdFailsAndSaysWhich() {
    // 2 failures in 12 attempts: 83.3 % success
    Acceptance.Verdict v = Acceptance.parse(PILOT, "sla.yaml").evaluate(run(10, 2, 1000));
    assertThat(v.passed()).isFalse();
    assertThat(v.checks().get(0).passed()).isFalse();
    assertThat(v.checks().get(0).measured()).hasValueCloseTo(10.0 / 12, within(1e-12));
    assertThat(v.checks().get(1).passed()).isTrue();
    assertThat(v.render())
        .contains("FAIL  successRate = 83.3 % (limit >= 95.0 %)")
        .contains("verdict: FAILED (1 of 3 thresholds missed: successRate)");
  }

  @Test
  void aTimeScaleWidensOnlyTheUpperLimitsOfTimesAndEachScaledLineSaysSo() {
    Acceptance a =
        Acceptance.parse(
            "acceptance:\n  name: fast\n  thresholds:\n    - {kpi: successRate, min: 95%}\n"
                + "    - {kpi: timeToActivate.p95, max: 1500ms}\n",
            "f.yaml");
    Kpis slow = run(5, 0, 2000);
    assertThat(a.evaluate(slow, 1).passed()).isFalse();
    assertThat(a.evaluate(slow, 1.2).passed()).as("1.5 s x 1.2 < 2 s").isFalse();
    Acceptance.Verdict scaled = a.evaluate(slow, 2);
    assertThat(scaled.passed()).isTrue();
    assertThat(scaled.render())
        .contains(
            "PASS  timeToActivate.p95 = 2000.0ms (limit <= 1500.0ms x2 (RSP_HARNESS_TIME_SCALE))")
        .contains("PASS  successRate = 100.0 % (limit >= 95.0 %)\n");
    // a rate is not a time: a failed success rate stays failed whatever the scale
    assertThat(a.evaluate(run(10, 2, 1000), 10).checks().get(0).passed()).isFalse();
  }

  @Test
  void aSlowRunMissesTheTimeThreshold() {
    Acceptance a =
        Acceptance.parse(
            "acceptance:\n  name: fast\n  thresholds:\n    - {kpi: timeToActivate.p95, max: 1500ms}\n",
            "f.yaml");
    assertThat(a.evaluate(run(5, 0, 1000)).passed()).isTrue();
    Acceptance.Verdict slow = a.evaluate(run(5, 0, 2000));
    assertThat(slow.passed()).isFalse();
    assertThat(slow.checks().get(0).measured()).hasValue(2.0);
  }

  @Test
  void mttrOfAPerfectRunIsNotMeasuredAndThatIsAPass() {
    Acceptance.Verdict v = Acceptance.parse(PILOT, "sla.yaml").evaluate(run(5, 0, 1000));
    assertThat(v.checks().get(2).passed()).isTrue();
    assertThat(v.checks().get(2).describe())
        .isEqualTo("mttr = not measured (nothing failed) (limit <= 60.00s)");
    assertThat(v.passed()).isTrue();
  }

  @Test
  void aFileThatRequiresRecoveriesFailsAPerfectRunOnMttr() {
    Acceptance a =
        Acceptance.parse(
            PILOT.replace("thresholds:", "requireRecoveries: true\n  thresholds:"), "r.yaml");
    assertThat(a.requireRecoveries()).isTrue();
    Acceptance.Verdict v = a.evaluate(run(5, 0, 1000));
    assertThat(v.checks().get(2).passed()).isFalse();
    assertThat(v.checks().get(2).describe())
        .contains("not measured (nothing failed; requireRecoveries)");
  }

  @Test
  void failuresThatNeverRecoveredMissTheMttrThreshold() {
    Events e = new Events().at(0).start("a", "a1", "download").at(100).fail("a", "a1", "8.1/4.2");
    Acceptance.Verdict v = Acceptance.parse(PILOT, "sla.yaml").evaluate(Kpis.of(e.list));
    assertThat(v.checks().get(2).passed()).isFalse();
    assertThat(v.checks().get(2).describe()).contains("not measured (1 failures never recovered)");
  }

  @Test
  void anUnmeasuredKpiIsNotMet() {
    Acceptance a =
        Acceptance.parse(
            "acceptance:\n  name: x\n  thresholds:\n    - {kpi: http.cancelSession.p95, max: 1s}\n",
            "x.yaml");
    Acceptance.Verdict v = a.evaluate(run(5, 0, 1000));
    assertThat(v.passed()).isFalse();
    assertThat(v.checks().get(0).describe())
        .isEqualTo("http.cancelSession.p95 = not measured (limit <= 1000.0ms)");
  }

  @Test
  void loadsFromAFile(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("sla.yaml"), PILOT);
    assertThat(Acceptance.load(f).thresholds()).hasSize(3);
    assertThatThrownBy(() -> Acceptance.load(dir.resolve("none.yaml")))
        .hasMessageEndingWith("none.yaml: acceptance file not found");
  }

  private static String error(String yaml) {
    try {
      Acceptance.parse(yaml, "bad.yaml");
    } catch (AcceptanceException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for:\n" + yaml);
  }

  @Test
  void rejectsAMisspelledField() {
    assertThat(error("acceptance:\n  name: x\n  treshold: []\n"))
        .isEqualTo(
            "bad.yaml:3:3: field 'acceptance.treshold': unknown field; expected one of"
                + " [name, networkProfile, requireRecoveries, thresholds]");
  }

  @Test
  void rejectsAnUnknownKpi() {
    assertThat(error("acceptance:\n  name: x\n  thresholds:\n    - {kpi: sucessRate, min: 95%}\n"))
        .startsWith(
            "bad.yaml:4:13: field 'acceptance.thresholds[0].kpi': expected one of successRate,"
                + " timeToActivate.S");
  }

  @Test
  void rejectsALimitInTheWrongUnit() {
    assertThat(error("acceptance:\n  name: x\n  thresholds:\n    - {kpi: successRate, min: 95}\n"))
        .isEqualTo(
            "bad.yaml:4:31: field 'acceptance.thresholds[0].min': expected a percentage such as"
                + " 95% or 99.5% for successRate, got '95'");
    assertThat(error("acceptance:\n  name: x\n  thresholds:\n    - {kpi: mttr, max: 1 minute}\n"))
        .isEqualTo(
            "bad.yaml:4:24: field 'acceptance.thresholds[0].max': expected a duration such as"
                + " 1500ms, 2s, 5m or 1h for a time, got '1 minute'");
  }

  @Test
  void rejectsAThresholdWithoutLimitAndAMissingName() {
    assertThat(error("acceptance:\n  name: x\n  thresholds:\n    - {kpi: mttr}\n"))
        .isEqualTo(
            "bad.yaml:4:7: field 'acceptance.thresholds[0]': expected min, max or both beside kpi");
    assertThat(error("acceptance:\n  thresholds:\n    - {kpi: mttr, max: 1s}\n"))
        .isEqualTo("bad.yaml:2:3: field 'acceptance.name': missing; this field is required");
  }

  @Test
  void rejectsBrokenYaml() {
    assertThat(error("acceptance:\n  name: [x\n"))
        .startsWith("bad.yaml:")
        .contains("not valid YAML");
    assertThat(error(""))
        .isEqualTo("bad.yaml:1:1: field '(document)': expected a mapping with 'acceptance'");
  }
}
