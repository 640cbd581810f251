package org.rspharness.smdp.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.time.ManualClock;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DownloadOutcome;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.DownloadStep;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.function.HttpSupport;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * Issue 6: each protocol fault of the SM-DP+ played against our own LPA and software eUICC over
 * loopback TLS, with its FaultInjected event and the state each side is left in.
 */
class ProtocolFaultTest {

  private static final Curve CURVE = Curve.NIST_P256;
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  /** A PKI valid now (TLS checks the DPtls certificate against the real time). */
  private static final TestPki PKI =
      TestPki.builder()
          .random(RandomSource.seeded(606))
          .curves(Set.of(CURVE))
          .validFrom(NOW.minus(Duration.ofDays(30)))
          .build();

  private static final String HOST = PKI.smdpHost();
  private static final String ICCID19 = "894900000000000770";
  private static final Iccid ICCID = Iccid.withCheckDigit(ICCID19);
  private static final AtomicReference<RspHttpHandler> ES9 = new AtomicReference<>();
  private static SmdpServer server;

  private final ManualClock clock = ManualClock.at(NOW);
  private final RecordingSink sink = new RecordingSink();
  private final EventLog events = new EventLog(clock, System::nanoTime).addSink(sink);
  private SmdpSimulator smdp;
  private Euicc euicc;
  private Es9PlusClient es9;

  @BeforeAll
  static void startServer() {
    server =
        SmdpServer.start(
            PKI,
            SmdpServer.Config.es9Only(HOST, 0),
            request -> ES9.get().handle(request),
            request -> HttpSupport.empty(404, HttpSupport.DEFAULT_PROTOCOL),
            new SimpleMeterRegistry(),
            EventLog.disabled());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeClient() {
    if (es9 != null) {
      es9.close();
    }
  }

  private static FaultRule rule(String function, int occurrence, Fault fault) {
    return new FaultRule(Layer.PROTOCOL, function, occurrence, FaultPoint.ANSWER, -1, fault);
  }

  /** SM-DP+ with one released order behind {@code rules}, an eUICC and the LPA. */
  private Lpa start(FaultRule... rules) {
    FaultPlan plan = new FaultPlan(List.of(rules), null, RandomSource.seeded(3), events);
    smdp =
        SmdpSimulator.builder(PKI, HOST)
            .orders(List.of(SmdpFixture.released(ICCID19, "FAULT-1").build()))
            .clock(clock)
            .random(RandomSource.seeded(42))
            .events(events)
            .sessionTtl(Duration.ofMinutes(5))
            .faults(plan)
            .build();
    ES9.set(smdp.es9Endpoint());
    euicc =
        Euicc.builder(EuiccIdentity.from(PKI, Set.of(CURVE)))
            .config(EuiccConfig.defaults().withCurves(Set.of(CURVE)))
            .clock(clock)
            .random(RandomSource.seeded(7))
            .build();
    es9 =
        new Es9PlusClient(
            Es9PlusClient.Config.defaults(List.of(PKI.ci(CURVE).certificate()))
                .withResolve(Map.of(HOST, "127.0.0.1")),
            EventLog.disabled());
    return new Lpa(
        new Es10Client(euicc, EventLog.disabled()),
        es9,
        EventLog.disabled(),
        Lpa.Config.defaults());
  }

  private DownloadResult download(Lpa lpa) {
    int port = server.es9Port(CURVE).orElseThrow();
    return lpa.download(
        ActivationCode.parse("LPA:1$" + HOST + ":" + port + "$FAULT-1"),
        null,
        ConsentHook.ACCEPT_ALL);
  }

  private List<EventPayload.FaultInjected> injected() {
    return sink.payloads(EventPayload.FaultInjected.class).toList();
  }

  private ProfileState orderState() {
    return smdp.orders().find(ICCID).orElseThrow().state();
  }

  @Test
  void noFaultDownloadsAndInstalls() {
    DownloadResult r = download(start());
    assertThat(r.outcome()).as(r.describe()).isEqualTo(DownloadOutcome.INSTALLED);
    assertThat(orderState()).isEqualTo(ProfileState.INSTALLED);
    assertThat(injected()).isEmpty();
  }

  @Test
  void answerStatusFailsTheFunctionWithThatCodeAndLeavesTheStateAsAFailure() {
    StatusCode code = StatusCodes.MATCHING_ID_REFUSED;
    Lpa lpa = start(rule("authenticateClient", 1, new Fault.AnswerStatus(code)));
    DownloadResult r = download(lpa);
    assertThat(r.outcome()).as(r.describe()).isNotEqualTo(DownloadOutcome.INSTALLED);
    assertThat(r.failedStep()).isEqualTo(DownloadStep.AUTHENTICATE_CLIENT);
    assertThat(r.statusCode().subjectCode()).isEqualTo(code.subjectCode());
    assertThat(r.statusCode().reasonCode()).isEqualTo(code.reasonCode());
    assertThat(orderState()).as("order untouched").isEqualTo(ProfileState.RELEASED);
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(injected())
        .containsExactly(
            new EventPayload.FaultInjected(
                "authenticateClient answer",
                "status " + code.subjectCode() + "/" + code.reasonCode(),
                1));
    // occurrence 2 is not faulted: the order was left downloadable
    DownloadResult again = download(lpa);
    assertThat(again.outcome()).as(again.describe()).isEqualTo(DownloadOutcome.INSTALLED);
  }

  @Test
  void httpErrorAnswersAnHtmlPageWithoutRunningTheFunction() {
    Lpa lpa = start(rule("getBoundProfilePackage", 1, new Fault.HttpError(502)));
    DownloadResult r = download(lpa);
    assertThat(r.failedStep()).as(r.describe()).isEqualTo(DownloadStep.GET_BOUND_PROFILE_PACKAGE);
    assertThat(r.message()).contains("502").contains("HTML");
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(smdp.orders().find(ICCID).orElseThrow().binding())
        .as("no package was bound")
        .isNull();
    assertThat(injected())
        .containsExactly(
            new EventPayload.FaultInjected("getBoundProfilePackage answer", "http-error 502", 1));
  }

  @Test
  void wrongServerSignature1IsRefusedByTheEuicc() {
    DownloadResult r =
        download(
            start(
                rule(
                    "initiateAuthentication",
                    1,
                    new Fault.Corrupt(Fault.Corrupt.Kind.WRONG_SIGNATURE, 0))));
    assertThat(r.failedStep()).as(r.describe()).isEqualTo(DownloadStep.AUTHENTICATE_SERVER);
    assertThat(r.euiccError())
        .as("invalidSignature(2)")
        .isEqualTo("authenticateErrorCode=invalidSignature(2)");
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(injected())
        .containsExactly(
            new EventPayload.FaultInjected("initiateAuthentication answer", "wrong-signature", 1));
  }

  @Test
  void wrongSmdpSignature2IsRefusedByTheEuicc() {
    DownloadResult r =
        download(
            start(
                rule(
                    "authenticateClient",
                    1,
                    new Fault.Corrupt(Fault.Corrupt.Kind.WRONG_SIGNATURE, 0))));
    assertThat(r.failedStep()).as(r.describe()).isEqualTo(DownloadStep.PREPARE_DOWNLOAD);
    assertThat(r.euiccError())
        .as("invalidSignature(2)")
        .isEqualTo("downloadErrorCode=invalidSignature(2)");
    assertThat(euicc.state().profiles()).isEmpty();
  }

  @Test
  void wrongTransactionIdIsNoticed() {
    DownloadResult r =
        download(
            start(
                rule(
                    "initiateAuthentication",
                    1,
                    new Fault.Corrupt(Fault.Corrupt.Kind.WRONG_TRANSACTION_ID, 0))));
    // the eUICC signed the real transactionId (serverSigned1 is intact); the LPA goes on with the
    // one of the JSON answer, which the SM-DP+ does not know
    assertThat(r.failedStep()).as(r.describe()).isEqualTo(DownloadStep.AUTHENTICATE_CLIENT);
    assertThat(r.statusCode().subjectCode()).isEqualTo("8.10.1");
    assertThat(r.statusCode().reasonCode()).isEqualTo("3.9");
    assertThat(euicc.state().profiles()).isEmpty();
  }

  @Test
  void expiredDpAuthCertificateIsRefusedByTheEuicc() {
    DownloadResult r =
        download(
            start(
                rule(
                    "initiateAuthentication",
                    1,
                    new Fault.Corrupt(Fault.Corrupt.Kind.EXPIRED_CERTIFICATE, 0))));
    assertThat(r.failedStep()).as(r.describe()).isEqualTo(DownloadStep.AUTHENTICATE_SERVER);
    assertThat(r.euiccError())
        .as("invalidCertificate(1)")
        .isEqualTo("authenticateErrorCode=invalidCertificate(1)");
    assertThat(euicc.state().profiles()).isEmpty();
  }

  @Test
  void dpPbCertificateFromAnotherCiIsRefusedByTheEuicc() {
    DownloadResult r =
        download(
            start(
                rule(
                    "authenticateClient",
                    1,
                    new Fault.Corrupt(Fault.Corrupt.Kind.WRONG_CI_CERTIFICATE, 0))));
    assertThat(r.failedStep()).as(r.describe()).isEqualTo(DownloadStep.PREPARE_DOWNLOAD);
    assertThat(r.euiccError())
        .as("invalidCertificate(1)")
        .isEqualTo("downloadErrorCode=invalidCertificate(1)");
    assertThat(euicc.state().profiles()).isEmpty();
  }

  @Test
  void corruptedStoreMetadataSegmentFailsTheInstallWithScp03tSecurityError() {
    DownloadResult r =
        download(
            start(
                rule(
                    "getBoundProfilePackage",
                    1,
                    new Fault.Corrupt(Fault.Corrupt.Kind.BPP_CORRUPTED_SEGMENT, 1))));
    assertThat(r.failedStep()).as(r.describe()).isEqualTo(DownloadStep.LOAD_BOUND_PROFILE_PACKAGE);
    assertThat(r.euiccError())
        .contains("bppCommandId=storeMetadata(2)")
        .contains("errorReason=scp03tSecurityError(8)");
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(injected())
        .containsExactly(
            new EventPayload.FaultInjected(
                "getBoundProfilePackage answer", "bpp-corrupted-segment segment 1", 1));
  }

  @Test
  void badMacOnAProfileSegmentFailsLoadProfileElements() {
    DownloadResult r =
        download(
            start(
                rule(
                    "getBoundProfilePackage",
                    1,
                    new Fault.Corrupt(Fault.Corrupt.Kind.BPP_BAD_MAC, 2))));
    assertThat(r.failedStep()).as(r.describe()).isEqualTo(DownloadStep.LOAD_BOUND_PROFILE_PACKAGE);
    assertThat(r.euiccError())
        .contains("bppCommandId=loadProfileElements(5)")
        .contains("errorReason=scp03tSecurityError(8)");
    assertThat(euicc.state().profiles()).isEmpty();
  }

  @Test
  void aSegmentBeyondThePackageIsNotAppliedAndSaysSo() {
    DownloadResult r =
        download(
            start(
                rule(
                    "getBoundProfilePackage",
                    1,
                    new Fault.Corrupt(Fault.Corrupt.Kind.BPP_BAD_MAC, 999))));
    assertThat(r.outcome()).as(r.describe()).isEqualTo(DownloadOutcome.INSTALLED);
    assertThat(sink.payloads(EventPayload.Note.class).map(EventPayload.Note::text))
        .anyMatch(t -> t.contains("segment: 999 out of range"));
  }
}
