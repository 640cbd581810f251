package org.rspharness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DownloadOutcome;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * SGP.22 section 3.1.3, the whole download: our SM-DP+ behind its HTTPS ports, our LPA over a real
 * TLS client trusting only the CI, our eUICC at APDU level. One profile per curve, each downloaded
 * through the port of its curve; the order must end Installed and the profile sit on the card.
 */
class FullDownloadTest {

  private static final String HOST = "testsmdpplus1.example.com";
  private static final Map<Curve, String> ICCIDS =
      Map.of(
          Curve.NIST_P256, "894900000000000001",
          Curve.BRAINPOOL_P256R1, "894900000000000002");

  private static TestPki pki;
  private static SmdpSimulator smdp;
  private static SmdpServer server;
  private static final RecordingSink smdpEvents = new RecordingSink();

  @BeforeAll
  static void startSmdp(@TempDir Path dir) throws Exception {
    pki = TestPki.builder().random(RandomSource.seeded(2026)).smdpHost(HOST).build();
    StringBuilder yaml = new StringBuilder("profiles:\n");
    for (Curve curve : Curve.values()) {
      yaml.append("  - iccid: \"")
          .append(Iccid.withCheckDigit(ICCIDS.get(curve)).value())
          .append("\"\n    profileType: e2e\n    state: Released\n    matchingId: E2E-")
          .append(curve.fileTag())
          .append("\n    metadata: {serviceProviderName: RSP Harness, profileName: e2e ")
          .append(curve.fileTag())
          .append("}\n");
    }
    Path inventory = Files.writeString(dir.resolve("inventory.yaml"), yaml);
    EventLog events = EventLog.system().addSink(smdpEvents);
    smdp =
        SmdpSimulator.builder(pki, HOST)
            .inventory(inventory)
            .random(RandomSource.seeded(1))
            .events(events)
            .build();
    server =
        SmdpServer.start(
            pki,
            SmdpServer.Config.es9Only(HOST, 0).withBrainpoolPort(0),
            smdp.es9Endpoint(),
            smdp.es2Endpoint(),
            new SimpleMeterRegistry(),
            events);
  }

  @AfterAll
  static void stopSmdp() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void downloadsInstallsAndNotifiesOverTlsOnTheCurvesPort(Curve curve) {
    Euicc euicc =
        Euicc.builder(EuiccIdentity.from(pki, Set.of(curve)))
            .config(EuiccConfig.defaults().withCurves(Set.of(curve)))
            .random(RandomSource.seeded(curve.ordinal()))
            .build();
    RecordingSink lpaEvents = new RecordingSink();
    EventLog events = EventLog.system().addSink(lpaEvents);
    Es9PlusClient es9 =
        new Es9PlusClient(
            Es9PlusClient.Config.defaults(List.of(pki.ci(curve).certificate()))
                .withResolve(Map.of(HOST, "127.0.0.1")),
            events);
    Lpa lpa = new Lpa(new Es10Client(euicc, events), es9, events, Lpa.Config.defaults());

    int port = server.es9Port(curve).orElseThrow();
    ActivationCode ac =
        ActivationCode.parse("LPA:1$" + HOST + ":" + port + "$E2E-" + curve.fileTag());
    DownloadResult result = lpa.download(ac, null, ConsentHook.ACCEPT_ALL);

    Iccid iccid = Iccid.withCheckDigit(ICCIDS.get(curve));
    assertThat(result.outcome()).as(result.describe()).isEqualTo(DownloadOutcome.INSTALLED);
    assertThat(result.iccid()).isEqualTo(iccid);
    assertThat(result.notificationDelivered()).isTrue();
    // The card holds the profile, disabled, and no notification is left pending.
    assertThat(euicc.state().profiles())
        .singleElement()
        .satisfies(p -> assertThat(p.iccid()).isEqualTo(iccid.value()));
    assertThat(euicc.state().notifications()).isEmpty();
    // The SM-DP+ saw the installation result: the order is Installed.
    assertThat(smdp.orders().find(iccid).orElseThrow().state()).isEqualTo(ProfileState.INSTALLED);
    // Every exchange went over HTTPS and was logged, in the order of the procedure.
    assertThat(lpaEvents.payloads(EventPayload.HttpExchange.class).map(h -> h.function()).toList())
        .containsExactly(
            "initiateAuthentication",
            "authenticateClient",
            "getBoundProfilePackage",
            "handleNotification");
    assertThat(lpaEvents.payloads(EventPayload.HttpExchange.class))
        .allSatisfy(h -> assertThat(h.url()).startsWith("https://" + HOST + ":" + port + "/"));
  }
}
