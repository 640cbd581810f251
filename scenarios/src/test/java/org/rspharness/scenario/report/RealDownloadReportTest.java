package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
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
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DownloadOutcome;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * The report of a real download (our SM-DP+ over TLS, our LPA and eUICC, one event log): the ES10
 * commands the LPA sent in STORE DATA blocks and the base64 values of the ES9+ bodies come out as
 * TLV trees with their SGP.22 names, on the lanes of their peers.
 */
class RealDownloadReportTest {

  private static final String HOST = "testsmdpplus1.example.com";

  @Test
  void aRealDownloadIsDecodedOnItsLanes(@TempDir Path dir) throws Exception {
    Curve curve = Curve.NIST_P256;
    TestPki pki =
        TestPki.builder()
            .random(RandomSource.seeded(7))
            .smdpHost(HOST)
            .curves(Set.of(curve))
            .variants(false)
            .build();
    Iccid iccid = Iccid.withCheckDigit("894900000000000077");
    Path inventory =
        Files.writeString(
            dir.resolve("inventory.yaml"),
            "profiles:\n  - iccid: \""
                + iccid.value()
                + "\"\n    profileType: e2e\n    state: Released\n    matchingId: REPORT-1\n"
                + "    metadata: {serviceProviderName: RSP Harness, profileName: report}\n");
    RecordingSink sink = new RecordingSink();
    EventLog events = EventLog.system().addSink(sink);
    SmdpSimulator smdp =
        SmdpSimulator.builder(pki, HOST)
            .inventory(inventory)
            .random(RandomSource.seeded(1))
            .events(events)
            .build();
    try (SmdpServer server =
        SmdpServer.start(
            pki,
            SmdpServer.Config.es9Only(HOST, 0),
            smdp.es9Endpoint(),
            smdp.es2Endpoint(),
            new SimpleMeterRegistry(),
            events)) {
      Euicc euicc =
          Euicc.builder(EuiccIdentity.from(pki, Set.of(curve)))
              .config(EuiccConfig.defaults().withCurves(Set.of(curve)))
              .random(RandomSource.seeded(3))
              .build();
      Es9PlusClient es9 =
          new Es9PlusClient(
              Es9PlusClient.Config.defaults(List.of(pki.ci(curve).certificate()))
                  .withResolve(Map.of(HOST, "127.0.0.1")),
              events);
      Lpa lpa = new Lpa(new Es10Client(euicc, events), es9, events, Lpa.Config.defaults());
      int port = server.es9Port(curve).orElseThrow();

      events.emit("engine", new EventPayload.StepStarted("real download", "download"));
      DownloadResult result =
          lpa.download(
              ActivationCode.parse("LPA:1$" + HOST + ":" + port + "$REPORT-1"),
              null,
              ConsentHook.ACCEPT_ALL);
      events.emit(
          "engine",
          new EventPayload.StepFinished(
              "real download",
              "download",
              result.outcome() == DownloadOutcome.INSTALLED,
              null,
              result.describe()));
      assertThat(result.outcome()).as(result.describe()).isEqualTo(DownloadOutcome.INSTALLED);
    }

    RunSummary run = RunSummary.of(sink.events());
    String html = HtmlReport.render(run);
    if (Files.isDirectory(Path.of("target"))) {
      Files.writeString(Path.of("target", "real-download-report.html"), html);
    }
    // well-formed, and every decoded part is there
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertThat(run.scenarios()).singleElement().satisfies(s -> assertThat(s.apdus()).isPositive());
    assertThat(html)
        .contains("<i>AuthenticateServer</i>")
        .contains("<i>PrepareDownload</i>")
        .contains("<i>BoundProfilePackage</i>")
        .contains("<i>InitialiseSecureChannelRequest</i>")
        .contains("<i>ProfileInstallationResult</i>")
        .contains("<b>serverSigned1</b> base64")
        .contains("<b>authenticateServerResponse</b> base64")
        .contains("<b>boundProfilePackage</b> base64")
        // ES10 commands decoded from the LPA's es10 events
        .contains("<b>ES10 command</b> (")
        .contains("<b>ES10 response</b> (")
        .contains("APDUs of LoadBoundProfilePackage")
        .doesNotContain("class=\"msg bad");
  }
}
