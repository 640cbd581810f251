package org.rspharness.scenario.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.util.Durations;
import org.rspharness.smdp.order.ProfileState;

class ScenarioLoaderTest {

  static Path example(String name) {
    try {
      return Path.of(ScenarioLoaderTest.class.getResource("/scenarios-examples/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

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

  static String loadError(String yaml) {
    try {
      ScenarioLoader.parse(yaml, "bad.yaml", null);
    } catch (ScenarioLoadException e) {
      return e.getMessage();
    }
    throw new AssertionError("loaded: " + yaml);
  }

  @Test
  void yamlAndDslBuildEqualScenarios() {
    Scenario fromFile = ScenarioLoader.load(example("nominal-download-nist.yaml"));
    Scenario fromDsl =
        ScenarioBuilder.scenario("nominal-download-nist")
            .description("Nominal download on NIST P-256 with time-to-activate")
            .seed(42)
            .embeddedSmdp(
                Map.of(
                    "profiles",
                    List.of(
                        Map.of(
                            "iccid", "8900000000000000011",
                            "profileType", "lab",
                            "profilePackage", "generated"))))
            .pki(new Pki.Generated(7L))
            .device(
                new Device(
                    "phone",
                    Curve.NIST_P256,
                    "2.3.0",
                    512 * 1024,
                    null,
                    null,
                    "356938035643809",
                    null,
                    null,
                    null,
                    null,
                    false,
                    null,
                    null,
                    0))
            .step(
                Step.of(new Action.DownloadOrder(null, "8900000000000000011", "lab"))
                    .named("order")
                    .capture("iccid", "iccid"))
            .step(
                ScenarioBuilder.confirmOrder("${iccid}", "NOMINAL-1", null)
                    .named("confirm")
                    .capture("matchingId", "matchingId")
                    .capture("smdpAddress", "smdpAddress"))
            .step(
                ScenarioBuilder.download("phone", "1$${smdpAddress}$${matchingId}")
                    .named("download")
                    .expect(
                        Expect.SUCCESS.within(
                            new Budget(Duration.ofSeconds(5), Duration.ofSeconds(1)))))
            .step(ScenarioBuilder.enable("phone", "${iccid}").named("enable"))
            .step(ScenarioBuilder.processNotifications("phone").named("notify"))
            .expect(
                new Expectation.EuiccState(
                    "phone",
                    List.of(
                        new Expectation.ProfileExpectation(
                            "${iccid}", Expectation.CardProfileState.ENABLED, null)),
                    true,
                    List.of()))
            .expect(new Expectation.SmdpOrder("${iccid}", ProfileState.INSTALLED, 1, null, null))
            .expect(
                new Expectation.EventOrder(
                    List.of("step:order", "step:confirm", "step:download", "step:enable")))
            .expect(
                new Expectation.Span(
                    "time-to-activate",
                    "download.start",
                    "enable.end",
                    Duration.ofSeconds(8),
                    Duration.ofSeconds(2)))
            .build();
    assertThat(fromFile).isEqualTo(fromDsl);
    assertThat(fromFile.hashCode()).isEqualTo(fromDsl.hashCode());
  }

  @Test
  void loadsTheConfirmationCodeExampleWithItsStatusFromTheCatalogue() {
    Scenario s = ScenarioLoader.load(example("confirmation-code-wrong-then-right.yaml"));
    Step wrong = s.steps().get(2);
    assertThat(wrong.name()).isEqualTo("wrong-code");
    assertThat(wrong.action())
        .isEqualTo(new Action.Download("phone", "1$${smdpAddress}$CC-1", "0000"));
    assertThat(wrong.expect().outcome()).isEqualTo(Outcome.FAILURE);
    assertThat(wrong.expect().status()).isSameAs(StatusCodes.CONFIRMATION_CODE_REFUSED);
    assertThat(s.steps().get(4).action())
        .isEqualTo(new Action.WaitForCallback("${iccid}", 4, Duration.ofSeconds(10)));
    Expectation.SmdpOrder order = (Expectation.SmdpOrder) s.expect().get(0);
    assertThat(order.confirmationCodeAttempts()).isEqualTo(1);
    assertThat(order.callbacks().get(0).status()).isSameAs(StatusCodes.CONFIRMATION_CODE_REFUSED);
    // defaults: a device with nothing but a name
    assertThat(s.topology().devices().get(0)).isEqualTo(Device.of("phone"));
    assertThat(s.topology().pki()).isEqualTo(new Pki.Generated(null));
  }

  @Test
  void loadsTheProfileSwapExampleWithALoopScopedVariable() {
    Scenario s = ScenarioLoader.load(example("profile-swap.yaml"));
    Action.ForEach loop = (Action.ForEach) s.steps().get(0).action();
    assertThat(loop.values()).containsExactly("8900000000000000011", "8900000000000000037");
    assertThat(loop.steps().get(2).action())
        .isEqualTo(new Action.Download("phone", "1$${smdpAddress}$SWAP-${iccid}", null));
    assertThat(s.topology().devices().get(0).curve()).isEqualTo(Curve.BRAINPOOL_P256R1);
    assertThat(s.steps().get(3).expect().time())
        .isEqualTo(new Budget(Duration.ofMillis(1500), Duration.ofMillis(500)));
    Expectation.EuiccState st = (Expectation.EuiccState) s.expect().get(0);
    assertThat(st.pendingNotifications())
        .extracting(Expectation.NotificationExpectation::operation)
        .containsExactly(
            Expectation.NotificationOperation.DISABLE, Expectation.NotificationOperation.ENABLE);
    assertThat(s.stepNames()).containsExactly("install-both", "enableA", "notifyA", "enableB");
  }

  @Test
  void inlineInventoryIsKeptAsAPlainTree() {
    Scenario s = ScenarioLoader.load(example("confirmation-code-wrong-then-right.yaml"));
    Smdp.InlineInventory inv =
        (Smdp.InlineInventory) ((Smdp.Embedded) s.topology().smdp()).inventory();
    @SuppressWarnings("unchecked")
    Map<String, Object> profile = ((List<Map<String, Object>>) inv.tree().get("profiles")).get(0);
    assertThat(profile)
        .containsEntry("iccid", "8900000000000000029")
        .containsEntry("maxConfirmationCodeAttempts", 3L);
    assertThatThrownBy(() -> inv.tree().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsAnUnknownFieldAtItsKeyListingTheKnownOnes() {
    String m =
        loadError(
            HEAD.replace("    - name: phone", "    - name: phone\n      curv: nist")
                + "steps:\n  - powerCycle: {device: phone}\n");
    assertThat(m)
        .startsWith(
            "bad.yaml:8:7: field 'topology.devices[0].curv': unknown field; expected one of [")
        .contains("curve")
        .doesNotContain("\n");
  }

  @Test
  void rejectsAWrongEnumValueListingTheAllowedOnes() {
    String m =
        loadError(
            HEAD.replace("    - name: phone", "    - name: phone\n      curve: nsit")
                + "steps:\n  - powerCycle: {device: phone}\n");
    assertThat(m)
        .isEqualTo(
            "bad.yaml:8:14: field 'topology.devices[0].curve': expected one of [nist, brainpool],"
                + " got 'nsit'");
  }

  @Test
  void rejectsAWrongTypeSayingWhatWasExpected() {
    String m = loadError("seed: abc\n" + HEAD + "steps:\n  - powerCycle: {device: phone}\n");
    assertThat(m).isEqualTo("bad.yaml:1:7: field 'seed': expected an integer, got 'abc'");
    String list = loadError(HEAD + "steps:\n  powerCycle: {device: phone}\n");
    assertThat(list).startsWith("bad.yaml:9:3: field 'steps': expected a list, got a mapping");
  }

  @Test
  void namesAMissingRequiredField() {
    String m = loadError(HEAD + "steps:\n  - enable: {device: phone}\n");
    assertThat(m)
        .isEqualTo("bad.yaml:9:13: field 'steps[0].enable.iccid': missing; this field is required");
    assertThat(loadError(HEAD)).isEqualTo("bad.yaml:1:1: field 'steps': missing; expected a list");
  }

  @Test
  void rejectsATemplateNoEarlierStepCaptured() {
    String m =
        loadError(
            HEAD
                + "steps:\n"
                + "  - enable: {device: phone, iccid: \"${iccid}\"}\n"
                + "  - downloadOrder: {iccid: \"8900000000000000011\"}\n"
                + "    capture: {iccid: iccid}\n");
    assertThat(m)
        .startsWith(
            "bad.yaml:9:29: field 'steps[0].enable.iccid': '${iccid}' is not captured by an"
                + " earlier step");
  }

  @Test
  void parallelBranchesCannotUseTheirSiblingsCaptures() {
    String m =
        loadError(
            HEAD
                + "steps:\n"
                + "  - parallel:\n"
                + "      steps:\n"
                + "        - downloadOrder: {iccid: \"8900000000000000011\"}\n"
                + "          capture: {iccid: iccid}\n"
                + "        - enable: {device: phone, iccid: \"${iccid}\"}\n"
                + "  - delete: {device: phone, iccid: \"${iccid}\"}\n");
    assertThat(m).startsWith("bad.yaml:13:35: field 'steps[0].parallel.steps[1].enable.iccid':");
  }

  @Test
  void rejectsAStepOnAnUnknownDevice() {
    String m = loadError(HEAD + "steps:\n  - powerCycle: {device: tablet}\n");
    assertThat(m)
        .isEqualTo(
            "bad.yaml:9:18: field 'steps[0].powerCycle.device': unknown device 'tablet';"
                + " expected one of [phone]");
  }

  @Test
  void rejectsAMalformedStatusCodeAndAStatusOnSuccess() {
    String m =
        loadError(
            HEAD + "steps:\n  - powerCycle: {device: phone}\n    expect: {status: 8.2.7-3.8}\n");
    assertThat(m)
        .isEqualTo(
            "bad.yaml:10:14: field 'steps[0].expect.status': expected an SGP.22 subject/reason"
                + " code such as 8.2.7/3.8, got '8.2.7-3.8'");
    String ok =
        loadError(
            HEAD
                + "steps:\n  - powerCycle: {device: phone}\n"
                + "    expect: {outcome: success, status: 8.2.7/3.8}\n");
    assertThat(ok)
        .isEqualTo(
            "bad.yaml:10:32: field 'steps[0].expect.status': a status code only goes with"
                + " outcome failure");
  }

  @Test
  void acceptsAWellFormedStatusCodeOutsideTheCatalogue() {
    Scenario s =
        ScenarioLoader.parse(
            HEAD + "steps:\n  - powerCycle: {device: phone}\n    expect: {status: 8.9.9/9.9}\n",
            "ok.yaml",
            null);
    assertThat(s.steps().get(0).expect().status().key()).isEqualTo("8.9.9/9.9");
    assertThat(s.steps().get(0).expect().outcome()).isEqualTo(Outcome.FAILURE);
  }

  @Test
  void rejectsABadDurationAndTwoActionsInOneStep() {
    String m =
        loadError(
            HEAD
                + "steps:\n  - name: s\n    powerCycle: {device: phone}\n"
                + "expect:\n  - stepTime: {step: s, budget: 2 seconds}\n");
    assertThat(m)
        .isEqualTo(
            "bad.yaml:12:33: field 'expect[0].stepTime.budget': expected a duration such as"
                + " 1500ms, 2s, 5m or 1h, got '2 seconds'");
    String two =
        loadError(
            HEAD + "steps:\n  - powerCycle: {device: phone}\n    memoryReset: {device: phone}\n");
    assertThat(two)
        .startsWith("bad.yaml:10:5: field 'steps[0]': expected one action per step, got [");
  }

  @Test
  void rejectsTimingsOnUnknownStepsAndDuplicateStepNames() {
    String m =
        loadError(
            HEAD
                + "steps:\n  - name: a\n    powerCycle: {device: phone}\n"
                + "expect:\n  - span: {name: x, from: a.start, to: b.end, budget: 1s}\n");
    assertThat(m)
        .isEqualTo(
            "bad.yaml:12:36: field 'expect[0].span.to': no step is named 'b'; named steps: [a]");
    String dup =
        loadError(
            HEAD
                + "steps:\n  - name: a\n    powerCycle: {device: phone}\n"
                + "  - name: a\n    powerCycle: {device: phone}\n");
    assertThat(dup).isEqualTo("bad.yaml:11:5: field 'steps[1].name': step name 'a' appears twice");
  }

  @Test
  void reportsARecordConstraintAtItsField() {
    String m =
        loadError(
            HEAD.replace("    - name: phone", "    - name: phone\n      imei: \"12345\"")
                + "steps:\n  - powerCycle: {device: phone}\n");
    assertThat(m)
        .isEqualTo(
            "bad.yaml:8:7: field 'topology.devices[0].imei': expected 15 digits, got '12345'");
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheirPlace() {
    String m = loadError("name: [unclosed\n");
    assertThat(m).startsWith("bad.yaml:").contains("not valid YAML").doesNotContain("\n");
  }

  @Test
  void theDslRunsTheSameConsistencyChecks() {
    ScenarioBuilder b =
        ScenarioBuilder.scenario("x")
            .embeddedSmdp(Map.of("profiles", List.of()))
            .device(Device.of("phone"))
            .step(ScenarioBuilder.enable("phone", "${nope}"));
    assertThatThrownBy(b::build)
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("field 'steps[0].enable.iccid': '${nope}' is not captured");
  }

  @Test
  void parsesDurations() {
    assertThat(Durations.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> Durations.parse("1.5s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5s");
  }

  @Test
  void aMissingFileIsOneLine() {
    assertThatThrownBy(() -> ScenarioLoader.load(Path.of("no-such-scenario.yaml")))
        .isInstanceOf(ScenarioLoadException.class)
        .hasMessage("no-such-scenario.yaml: scenario file not found");
  }

  @Test
  void aRepeatWithoutAnIndexLoads() {
    Scenario s =
        ScenarioLoader.parse(
            String.join(
                "\n",
                "name: loop",
                "topology:",
                "  smdp: {inventory: {profiles: [{iccid: \"8900000000000000011\","
                    + " profileType: x, profilePackage: generated}]}}",
                "  devices: [{name: p}]",
                "steps:",
                "  - repeat: {times: 2, steps: [{processNotifications: {device: p}}]}",
                ""),
            "loop.yaml",
            java.nio.file.Path.of("."));
    assertThat(s.steps().get(0).action()).isInstanceOf(Action.Repeat.class);
    assertThat(((Action.Repeat) s.steps().get(0).action()).index()).isNull();
  }
}
