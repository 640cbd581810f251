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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.rspharness.euicc.transport.pcsc.PcscCard;
import org.rspharness.euicc.transport.vpcd.VpcdClient;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DownloadOutcome;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * Our LPA drives a card through the real PC/SC stack: javax.smartcardio -> pcscd -> vsmartcard's
 * vpcd driver -> our software eUICC connected to vpcd. Download from our SM-DP+, list, enable,
 * delete and the notifications of each, every APDU through pcscd. Needs Debian's {@code pcscd} and
 * {@code vsmartcard-vpcd} (CI installs them); pcscd is started here when it is not running.
 */
class PcscVpcdEndToEndTest {

  private static final String HOST = "testsmdpplus1.example.com";
  private static final String READER = PcscStack.READER;
  private static final Iccid ICCID = Iccid.withCheckDigit("894900000000000091");

  private static TestPki pki;
  private static SmdpSimulator smdp;
  private static SmdpServer server;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    PcscStack.start();
    pki = TestPki.builder().random(RandomSource.seeded(91)).smdpHost(HOST).build();
    Path inventory =
        Files.writeString(
            dir.resolve("inventory.yaml"),
            "profiles:\n  - iccid: \""
                + ICCID.value()
                + "\"\n    profileType: pcsc\n    state: Released\n    matchingId: PCSC-1\n"
                + "    metadata:\n      notifications:\n"
                + "        - {operations: [install, enable, disable, delete], address: "
                + HOST
                + "}\n");
    smdp = SmdpSimulator.builder(pki, HOST).inventory(inventory).build();
    server =
        SmdpServer.start(
            pki,
            SmdpServer.Config.es9Only(HOST, 0),
            smdp.es9Endpoint(),
            smdp.es2Endpoint(),
            new SimpleMeterRegistry(),
            EventLog.disabled());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void downloadListEnableDeleteAndNotificationsThroughPcscdAndVpcd() throws Exception {
    Curve curve = Curve.NIST_P256;
    Euicc euicc =
        Euicc.builder(EuiccIdentity.from(pki, Set.of(curve)))
            .config(EuiccConfig.defaults().withCurves(Set.of(curve)))
            .random(RandomSource.seeded(5))
            .build();
    try (VpcdClient vpcd = PcscStack.insert(euicc)) {
      RecordingSink sink = new RecordingSink();
      EventLog events = EventLog.system().addSink(sink);
      try (PcscCard card = PcscCard.open(READER);
          Es9PlusClient es9 =
              new Es9PlusClient(
                  Es9PlusClient.Config.defaults(List.of(pki.ci(curve).certificate()))
                      .withResolve(
                          Map.of(HOST, "127.0.0.1:" + server.es9Port(curve).orElseThrow())),
                  events)) {
        assertThat(card.readerName()).isEqualTo(READER);
        Es10Client es10 = new Es10Client(card, events);
        Lpa lpa = new Lpa(es10, es9, events, Lpa.Config.defaults());

        int port = server.es9Port(curve).orElseThrow();
        DownloadResult result =
            lpa.download(
                ActivationCode.parse("LPA:1$" + HOST + ":" + port + "$PCSC-1"),
                null,
                ConsentHook.ACCEPT_ALL);
        assertThat(result.outcome()).as(result.describe()).isEqualTo(DownloadOutcome.INSTALLED);
        assertThat(result.notificationDelivered()).isTrue();

        // list: through pcscd, the card reports the profile
        assertThat(es10.getProfilesInfo())
            .singleElement()
            .satisfies(
                p -> assertThat(Iccid.fromEfIccidUnchecked(p.getIccid().value)).isEqualTo(ICCID));

        var enabled = lpa.enable(ICCID);
        assertThat(enabled.ok()).as(enabled.resultName()).isTrue();
        assertThat(enabled.notifications())
            .isNotEmpty()
            .allSatisfy(n -> assertThat(n.delivered()).isTrue());
        assertThat(euicc.state().profiles().get(0).enabled()).isTrue();

        lpa.disable(ICCID);
        var deleted = lpa.delete(ICCID);
        assertThat(deleted.ok()).as(deleted.resultName()).isTrue();
        assertThat(deleted.notifications())
            .extracting(n -> n.operation() + ":" + n.delivered())
            .contains("delete:true");
        assertThat(euicc.state().profiles()).isEmpty();
        assertThat(euicc.state().notifications()).isEmpty();
      }
      // every ES10 exchange went through pcscd: the card saw the LPA's APDUs
      assertThat(sink.payloads(EventPayload.ApduExchange.class).count()).isGreaterThan(20);
    }
  }
}
