package org.rspharness.scenario.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventPayload;

class KpisTest {

  @Test
  void everyMapIteratesInKeyOrderSoThatReportsAreTheSameFromOneJvmToTheNext() {
    Map<String, Integer> codes = new java.util.LinkedHashMap<>();
    codes.put("8.2/1.2", 1);
    codes.put("(no code)", 1);
    codes.put("8.1/4.8", 1);
    Map<String, Percentiles> http = new java.util.LinkedHashMap<>();
    http.put("initiateAuthentication", Percentiles.EMPTY);
    http.put("authenticateClient", Percentiles.EMPTY);
    Kpis k =
        new Kpis(
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            Percentiles.EMPTY,
            Percentiles.EMPTY,
            0,
            Map.of(),
            http,
            Map.of(),
            Percentiles.EMPTY,
            codes,
            codes,
            0,
            0,
            0,
            List.of());
    assertThat(k.failuresByStatusCode().keySet())
        .containsExactly("(no code)", "8.1/4.8", "8.2/1.2");
    assertThat(k.failuresByInterruptionPoint().keySet())
        .containsExactly("(no code)", "8.1/4.8", "8.2/1.2");
    assertThat(k.httpByFunction().keySet())
        .containsExactly("authenticateClient", "initiateAuthentication");
  }

  private static final long MS = 1_000_000;

  /**
   * Device a: download fails at 100 ms (a fault inside it), retries 200-700 ok, enables 800-1000.
   * Device b: download 100-400 ok, enable 450-500 ok.
   */
  private static Events twoDevicesWithOneRecovery() {
    return new Events()
        .at(0)
        .start("a", "a download 1", "download")
        .at(50)
        .fault("authenticateClient before-request")
        .at(100)
        .start("b", "b download 1", "download")
        .at(100)
        .fail("a", "a download 1", "8.1.1/3.8")
        .at(200)
        .start("a", "a download 2", "download")
        .at(400)
        .ok("b", "b download 1")
        .at(450)
        .start("b", "b enable", "enable")
        .at(500)
        .ok("b", "b enable")
        .at(700)
        .ok("a", "a download 2")
        .at(800)
        .start("a", "a enable", "enable")
        .at(1000)
        .ok("a", "a enable");
  }

  @Test
  void countsDownloadsAndSuccessRate() {
    Kpis k = Kpis.of(twoDevicesWithOneRecovery().list);
    assertThat(k.devices()).isEqualTo(2);
    assertThat(k.downloadAttempts()).isEqualTo(3);
    assertThat(k.downloadSuccesses()).isEqualTo(2);
    // a's failed attempt was retried within its activation: both activations succeeded
    assertThat(k.activations()).isEqualTo(2);
    assertThat(k.activationSuccesses()).isEqualTo(2);
    assertThat(k.successRate()).isEqualTo(1.0);
    assertThat(k.retries()).isEqualTo(1);
    assertThat(k.retriesPerSuccess()).isEqualTo(0.5);
    // downloads span 0..700 ms: 2 successes in 0.7 s
    assertThat(k.spanNanos()).isEqualTo(700 * MS);
    assertThat(k.downloadsPerSecond()).isCloseTo(2 / 0.7, within(1e-9));
  }

  @Test
  void timeToActivateRunsFromTheFirstAttemptToTheEnable() {
    Kpis k = Kpis.of(twoDevicesWithOneRecovery().list);
    // a: 0 -> 1000 ms (through its failed attempt), b: 100 -> 500 ms
    assertThat(k.timeToActivate())
        .isEqualTo(new Percentiles(2, 400 * MS, 1000 * MS, 1000 * MS, 1000 * MS, 1000 * MS, 700e6));
    assertThat(k.stepsByAction().get("enable").max()).isEqualTo(200 * MS);
    assertThat(k.stepsByAction().get("download").count()).isEqualTo(3);
  }

  @Test
  void theTimelineHasEveryAttemptAndActivationInTime() {
    Kpis.Timeline t = Kpis.timeline(twoDevicesWithOneRecovery().list);
    assertThat(t.downloads())
        .containsExactly(
            new Kpis.Attempt("a", 0, 100 * MS, false, "8.1.1/3.8"),
            new Kpis.Attempt("b", 100 * MS, 400 * MS, true, null),
            new Kpis.Attempt("a", 200 * MS, 700 * MS, true, null));
    assertThat(t.activations())
        .containsExactly(
            new Kpis.Activation("b", 100 * MS, 500 * MS), new Kpis.Activation("a", 0, 1000 * MS));
    assertThat(t.activations().get(1).nanos()).isEqualTo(1000 * MS);
  }

  @Test
  void mttrIsFromTheFirstFailureToTheNextActivation() {
    Kpis k = Kpis.of(twoDevicesWithOneRecovery().list);
    assertThat(k.mttrNanos()).isEqualTo(1000 * MS);
    assertThat(k.recovered()).isEqualTo(1);
    assertThat(k.unrecovered()).isZero();
    assertThat(k.timeToRecover().max()).isEqualTo(1000 * MS);
  }

  @Test
  void failuresByStatusCodeAndInterruptionPoint() {
    Kpis k = Kpis.of(twoDevicesWithOneRecovery().list);
    assertThat(k.failuresByStatusCode()).isEqualTo(Map.of("8.1.1/3.8", 1));
    assertThat(k.failuresByInterruptionPoint())
        .isEqualTo(Map.of("authenticateClient before-request", 1));
    assertThat(k.faults()).isEqualTo(1);
    assertThat(k.unattributedFaults()).isZero();
  }

  @Test
  void aDiscoveryThatInstallsIsAnActivationFromTheDiscoveryStart() {
    Events e =
        new Events()
            .at(0)
            .start("a", "d1", "discover")
            .at(50)
            .fail("a", "d1", "8.9/5.1")
            .at(100)
            .start("a", "d2", "discover")
            .at(400)
            .ok("a", "d2");
    Kpis k = Kpis.of(e.list);
    assertThat(k.downloadAttempts()).isEqualTo(2);
    assertThat(k.downloadSuccesses()).isEqualTo(1);
    // the failed discovery starts the activation: 0 -> 400
    assertThat(k.timeToActivate().count()).isEqualTo(1);
    assertThat(k.timeToActivate().max()).isEqualTo(400 * MS);
  }

  @Test
  void withoutEnableStepsAnActivationEndsWithTheDownload() {
    Events e =
        new Events()
            .at(0)
            .start("a", "d1", "download")
            .at(300)
            .ok("a", "d1")
            .at(10)
            .start("b", "d2", "download")
            .at(20)
            .fail("b", "d2", null)
            .at(30)
            .start("b", "d3", "download")
            .at(130)
            .ok("b", "d3");
    Kpis k = Kpis.of(e.list);
    // a: 0 -> 300, b: 10 -> 130
    assertThat(k.timeToActivate().p50()).isEqualTo(120 * MS);
    assertThat(k.timeToActivate().max()).isEqualTo(300 * MS);
    assertThat(k.mttrNanos()).isEqualTo(120 * MS);
    assertThat(k.failuresByStatusCode()).isEqualTo(Map.of("(no code)", 1));
    assertThat(k.failuresByInterruptionPoint()).isEqualTo(Map.of("(no fault)", 1));
  }

  @Test
  void aDeviceThatNeverRecoversIsLeftOutOfTheMttr() {
    Events e =
        new Events()
            .at(0)
            .start("a", "d1", "download")
            .at(100)
            .fail("a", "d1", "8.2/3.7")
            .at(0)
            .start("b", "d2", "download");
    Kpis k = Kpis.of(e.list);
    assertThat(k.mttrNanos()).isNull();
    // b's download never finished: a failed attempt too, so b has not recovered either
    assertThat(k.unrecovered()).isEqualTo(2);
    assertThat(k.activationFailures()).isEqualTo(2);
    assertThat(k.successRate()).isZero();
    assertThat(k.downloadAttempts()).isEqualTo(2);
    assertThat(k.failuresByStatusCode()).isEqualTo(Map.of("8.2/3.7", 1, "(unfinished)", 1));
    assertThat(k.value("mttr")).isEmpty();
  }

  @Test
  void aFaultInsideTwoFailedDownloadsGoesToTheDeviceWhoseEventIsNearest() {
    Events e =
        new Events()
            .at(0)
            .start("x", "dx", "download")
            .at(1)
            .start("y", "dy", "download")
            .at(2)
            .http("lpa-es9/y", "initiateAuthentication", 1)
            .at(3)
            .http("lpa-es9/x", "initiateAuthentication", 1)
            .at(4)
            .fault("authenticateClient before-response")
            .at(5)
            .fail("x", "dx", "8.1/4.2")
            .at(9)
            .fault("getBoundProfilePackage before-request")
            .at(10)
            .http("lpa-es9/y", "getBoundProfilePackage", 1)
            .at(11)
            .fail("y", "dy", "8.1/4.2");
    Kpis k = Kpis.of(e.list);
    assertThat(k.failuresByInterruptionPoint())
        .isEqualTo(
            Map.of(
                "authenticateClient before-response", 1,
                "getBoundProfilePackage before-request", 1));
    assertThat(k.unattributedFaults()).isZero();
  }

  @Test
  void aFaultWhoseSourceNamesADeviceGoesToThatDevice() {
    Events e =
        new Events()
            .at(0)
            .start("x", "dx", "download")
            .at(1)
            .start("y", "dy", "download")
            .at(2)
            .http("lpa-es9/x", "initiateAuthentication", 1)
            // nearer to x's event, but emitted by y's card layer
            .at(3)
            .emit("card/y", new EventPayload.FaultInjected("PrepareDownload after-apdu", "mute", 1))
            .at(5)
            .fail("x", "dx", "8.1/4.2")
            .at(6)
            .fail("y", "dy", null);
    Kpis k = Kpis.of(e.list);
    assertThat(k.failuresByInterruptionPoint())
        .isEqualTo(Map.of("PrepareDownload after-apdu", 1, "(no fault)", 1));
  }

  @Test
  void aFaultEquallyNearTwoDevicesIsUnattributed() {
    Events e =
        new Events()
            .at(0)
            .start("x", "dx", "download")
            .at(1)
            .start("y", "dy", "download")
            .at(2)
            .http("lpa-es9/x", "initiateAuthentication", 1)
            .at(3)
            .fault("initiateAuthentication after-response")
            .at(4)
            .http("lpa-es9/y", "initiateAuthentication", 1)
            .at(5)
            .fail("x", "dx", "8.1/4.2")
            .at(6)
            .fail("y", "dy", "8.1/4.2");
    Kpis k = Kpis.of(e.list);
    assertThat(k.unattributedFaults()).isEqualTo(1);
    assertThat(k.failuresByInterruptionPoint()).isEqualTo(Map.of("(no fault)", 2));
  }

  @Test
  void httpLatencyByFunction() {
    Events e =
        new Events()
            .http("lpa-es9/a", "initiateAuthentication", 10)
            .http("lpa-es9/b", "initiateAuthentication", 30)
            .http("lpa-es9/a", "authenticateClient", 20)
            .emit("smdp.es9.nist", new EventPayload.TlsHandshake("p", "TLSv1.2", "s", null, 5 * MS))
            .emit("smdp.es9.nist", new EventPayload.TlsHandshake("p", null, null, "boom", 9 * MS));
    Kpis k = Kpis.of(e.list);
    assertThat(k.httpByFunction().get("initiateAuthentication"))
        .isEqualTo(new Percentiles(2, 10 * MS, 30 * MS, 30 * MS, 30 * MS, 30 * MS, 20e6));
    assertThat(k.httpByFunction().get("authenticateClient").p50()).isEqualTo(20 * MS);
    assertThat(k.tlsHandshake().count()).isEqualTo(1);
    assertThat(k.tlsHandshake().max()).isEqualTo(5 * MS);
  }

  private static EventPayload.Es10Command es10(
      String function, String result, int apdus, long nanos, String observer) {
    return new EventPayload.Es10Command(
        function, result, 1, apdus, 3, 18, nanos, null, null, observer);
  }

  @Test
  void theLpasEs10CommandEventsGiveTheBreakdownWithoutRegroupingApdus() {
    Events e =
        new Events()
            .apdu("lpa/a", "81E2910003BF2E00", 10)
            .emit("lpa/a", es10("GetEuiccChallenge", "ok", 1, 10, EventPayload.Es10Command.LPA))
            // one command over every STORE DATA sequence of the package, whatever its APDUs say
            .apdu("lpa/a", "81E2910004BF3681FF", 40)
            .apdu("lpa/a", "81E2910003A00100", 7)
            .emit(
                "lpa/a",
                es10(
                    "LoadBoundProfilePackage", "errorResult", 2, 47, EventPayload.Es10Command.LPA));
    Kpis k = Kpis.of(e.list);
    assertThat(k.apduByCommand().keySet())
        .containsExactly("GetEuiccChallenge", "LoadBoundProfilePackage");
    assertThat(k.apduByCommand().get("GetEuiccChallenge").max()).isEqualTo(10);
    assertThat(k.apduByCommand().get("LoadBoundProfilePackage").max()).isEqualTo(47);
    assertThat(k.apduByCommand().get("LoadBoundProfilePackage").count()).isEqualTo(1);
  }

  @Test
  void theCardsEs10CommandEventsCountWhenNoLpaOfOursLoggedAny() {
    String card = "euicc/a";
    Kpis k =
        Kpis.of(
            new Events()
                .apdu(card, "80E2910003BF2200", 12)
                .emit(card, es10("GetEuiccInfo2", "ok", 1, 12, EventPayload.Es10Command.EUICC))
                .list);
    assertThat(k.apduByCommand().get("GetEuiccInfo2").p50()).isEqualTo(12);
    assertThat(k.apduByCommand().get("GetEuiccInfo2").count()).isEqualTo(1);
  }

  @Test
  void withBothSidesEachCallCountsOnceAsTheLpaLoggedIt() {
    Events e =
        new Events()
            .apdu("euicc/a", "81E2910003BF2E00", 2)
            .emit("euicc/a", es10("GetEuiccChallenge", "ok", 1, 2, EventPayload.Es10Command.EUICC))
            .apdu("lpa/a", "81E2910003BF2E00", 10)
            .emit("lpa/a", es10("GetEuiccChallenge", "ok", 1, 10, EventPayload.Es10Command.LPA));
    Kpis k = Kpis.of(e.list);
    assertThat(k.apduByCommand().get("GetEuiccChallenge"))
        .isEqualTo(new Percentiles(1, 10, 10, 10, 10, 10, 10));
    assertThat(Kpis.es10Observer(e.list)).isEqualTo(EventPayload.Es10Command.LPA);
  }

  @Test
  void apdusAreNeverRegroupedIntoCommands() {
    // a log older than the es10 events: its APDUs stay APDUs, with no ES10 breakdown
    Kpis k = Kpis.of(new Events().apdu("euicc/a", "80E2910003BF2200", 12).list);
    assertThat(k.apduByCommand()).isEmpty();
  }

  @Test
  void valuesByKpiNameInBaseUnits() {
    Kpis k = Kpis.of(twoDevicesWithOneRecovery().list);
    assertThat(k.value("successRate")).hasValue(1.0);
    assertThat(k.value("retries")).hasValue(1);
    assertThat(k.value("recoveries")).hasValue(1);
    assertThat(k.value("timeToRecover.max")).hasValue(1.0);
    assertThat(k.value("timeToActivate.p95")).hasValue(1.0);
    assertThat(k.value("timeToActivate.p50")).hasValue(0.4);
    assertThat(k.value("mttr")).hasValue(1.0);
    assertThat(k.value("step.enable.max")).hasValue(0.2);
    assertThat(k.value("failures.8.1.1/3.8")).hasValue(1);
    // failed activations: none (a's failure was retried within its activation)
    assertThat(k.value("failures")).hasValue(0);
    assertThat(k.value("http.initiateAuthentication.p95")).isEmpty();
    assertThatThrownBy(() -> k.value("timeToActivate.p42"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kpi: expected one of successRate");
  }

  @Test
  void anEmptyLogHasNoMeasurements() {
    Kpis k = Kpis.of(List.of());
    assertThat(k.downloadAttempts()).isZero();
    assertThat(k.value("successRate")).isEmpty();
    assertThat(k.timeToActivate().isEmpty()).isTrue();
    assertThat(KpiTable.render(k)).contains("download attempts").contains("time to activate");
  }

  @Test
  void theTableShowsTheMeasuredValues() {
    String t = KpiTable.render(Kpis.of(twoDevicesWithOneRecovery().list));
    assertThat(t)
        .contains("  success rate                         100.0 %")
        .contains("  download attempts                    3")
        .contains("  retries                              1")
        .contains("p50 400.0ms  p90 1000.0ms")
        .contains("  MTTR                                 1000.0ms")
        .contains("    recovered                          1")
        .contains("8.1.1/3.8")
        .contains("authenticateClient before-request");
  }
}
