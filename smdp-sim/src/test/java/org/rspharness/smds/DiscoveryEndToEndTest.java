package org.rspharness.smds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es12.Es12Response;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.es2.CancelOrderRequest;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.ConfirmOrderResponse;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.FinalProfileStatusIndicator;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.time.ManualClock;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DiscoveryResult;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es11.Es11Client;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.smds.SmdsRegistration;
import org.rspharness.smdp.transport.SmdpServer;
import org.rspharness.smds.es12.Es12Client;
import org.rspharness.smds.es12.SmdsUnreachableException;
import org.rspharness.smds.state.EventRecord;
import org.rspharness.smds.transport.SmdsServer;

/**
 * SGP.22 sections 3.1.2 and 3.6: an operator's ConfirmOrder names the root SM-DS, the SM-DP+
 * registers the event over ES12 (mutual TLS with its DPtls), the LPA retrieves it over ES11 from
 * the eUICC's root SM-DS address and downloads with the EventID as matchingId, and the SM-DP+
 * deletes the event once the installation result is in. Everything over loopback TLS.
 */
class DiscoveryEndToEndTest {

  private static final Curve CURVE = Curve.NIST_P256;
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final TestPki PKI =
      TestPki.builder()
          .random(RandomSource.seeded(1616))
          .curves(Set.of(CURVE))
          .validFrom(NOW.minus(Duration.ofDays(30)))
          .build();
  private static final String HOST = PKI.smdpHost();
  private static final String ROOT = "testrootsmds.example.com";
  private static final String ICCID19 = "894900000000001616";

  private final ManualClock clock = ManualClock.at(NOW);
  private final RecordingSink sink = new RecordingSink();
  private final EventLog events = new EventLog(clock, System::nanoTime).addSink(sink);
  private final List<AutoCloseable> open = new java.util.ArrayList<>();
  private final Map<String, String> resolve = new LinkedHashMap<>();
  private SmdsSimulator smds;
  private SmdpSimulator smdp;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** The root SM-DS on loopback; returns its ES12 port. */
  private int startSmds() {
    smds =
        SmdsSimulator.builder(PKI, ROOT)
            .clock(clock)
            .random(RandomSource.seeded(11))
            .events(events)
            .build();
    SmdsServer server =
        SmdsServer.start(PKI, new SmdsServer.Config("127.0.0.1", 0, -1, 0), smds, events);
    open.add(server);
    resolve.put(ROOT, "127.0.0.1:" + server.es11Port(CURVE).orElseThrow());
    return server.es12Port().orElseThrow();
  }

  /** The SM-DP+ reaching SM-DSs through {@code smdsDial} (host to host:port of ES12). */
  private void startSmdp(Map<String, String> smdsDial) {
    Es12Client es12 =
        new Es12Client(
            PKI.dpTls(CURVE), List.of(PKI.ci(CURVE).certificate()), smdsDial, "smdp.es12", events);
    open.add(es12);
    smdp =
        SmdpSimulator.builder(PKI, HOST)
            .orders(List.of(available()))
            .clock(clock)
            .random(RandomSource.seeded(42))
            .events(events)
            .smds(es12)
            .smdsPolicy(new SmdsRegistration.Policy(2, Duration.ZERO))
            .build();
    SmdpServer server =
        SmdpServer.start(
            PKI,
            SmdpServer.Config.es9Only(HOST, 0),
            smdp.es9Endpoint(),
            null,
            new SimpleMeterRegistry(),
            events);
    open.add(server);
    resolve.put(HOST, "127.0.0.1:" + server.es9Port(CURVE).orElseThrow());
  }

  /** An available lab profile (not SmdpFixture's: its PKI with variants is slow to build). */
  private static org.rspharness.smdp.order.Order available() {
    Iccid iccid = Iccid.withCheckDigit(ICCID19);
    return org.rspharness.smdp.order.Order.builder(iccid, "lab")
        .profilePackage(() -> org.rspharness.smdp.bpp.ProfilePackages.minimal(iccid, "lab"))
        .build();
  }

  private Lpa lpa(Es11Client.PathVariant variant) {
    return lpa(variant, false);
  }

  /** An LPA speaking ES9+ and ES11 in the JSON binding (on {@code variant}) or the ASN.1 one. */
  private Lpa lpa(Es11Client.PathVariant variant, boolean asn1) {
    Euicc euicc =
        Euicc.builder(EuiccIdentity.from(PKI, Set.of(CURVE)))
            .config(EuiccConfig.defaults().withCurves(Set.of(CURVE)))
            .clock(clock)
            .random(RandomSource.seeded(7))
            .events(events)
            .build();
    Es9PlusClient http =
        new Es9PlusClient(
            Es9PlusClient.Config.defaults(List.of(PKI.ci(CURVE).certificate()))
                .withResolve(resolve),
            events);
    open.add(http);
    org.rspharness.lpa.es9.Es9PlusClient asn1Client = http.asn1();
    return new Lpa(
        new Es10Client(euicc, events),
        asn1 ? asn1Client : http,
        asn1
            ? new org.rspharness.lpa.es11.Es11Asn1Client(asn1Client)
            : new Es11Client(http, variant),
        events,
        Lpa.Config.defaults());
  }

  private ConfirmOrderResponse order(String smdsAddress) {
    Iccid iccid = Iccid.withCheckDigit(ICCID19);
    RequestHeader h = new RequestHeader("operator", "1");
    smdp.es2().downloadOrder(new DownloadOrderRequest(h, PKI.eid(), iccid, null));
    return smdp.es2()
        .confirmOrder(new ConfirmOrderRequest(h, iccid, PKI.eid(), null, null, smdsAddress, true));
  }

  @ParameterizedTest
  @EnumSource(Es11Client.PathVariant.class)
  void discoversTheEventAtTheRootSmdsDownloadsItAndTheEventIsDeleted(
      Es11Client.PathVariant variant) {
    int es12 = startSmds();
    startSmdp(Map.of(ROOT, "127.0.0.1:" + es12));

    ConfirmOrderResponse confirmed = order(ROOT);
    assertThat(confirmed.header().executed()).isTrue();
    String eventId = confirmed.matchingId().value();
    assertThat(smds.events().all())
        .containsExactly(new EventRecord(PKI.eid(), eventId, HOST, false));

    DiscoveryResult r = lpa(variant).discover(null, ConsentHook.ACCEPT_ALL);

    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.smds()).isEqualTo(ROOT);
    assertThat(r.events()).extracting(e -> e.eventId()).containsExactly(eventId);
    assertThat(r.installedAll()).as(r.message()).isTrue();
    assertThat(smdp.orders().find(Iccid.withCheckDigit(ICCID19)).orElseThrow().state())
        .isEqualTo(ProfileState.INSTALLED);
    // SGP.22 3.1.2: the SM-DP+ deletes the event after the download
    assertThat(smds.events().all()).isEmpty();
    assertThat(transitions("smdsEvent")).containsExactly("none->registered", "registered->deleted");
    assertThat(
            sink.events().stream()
                .filter(e -> e.payload() instanceof EventPayload.HttpExchange)
                .map(e -> ((EventPayload.HttpExchange) e.payload()).url())
                .filter(u -> u.contains(ROOT) && !u.contains("/es12/")))
        .allMatch(u -> u.contains(variant.path()))
        .hasSize(2);
  }

  @Test
  void anEmptySmdsAnswersNoEventsAndNothingIsDownloaded() {
    startSmds();
    startSmdp(Map.of());
    DiscoveryResult r = lpa(Es11Client.PathVariant.ES11).discover(null, ConsentHook.ACCEPT_ALL);
    assertThat(r.ok()).isTrue();
    assertThat(r.events()).isEmpty();
    assertThat(r.downloads()).isEmpty();
  }

  @Test
  void cancelOrderDeletesTheEvent() {
    int es12 = startSmds();
    startSmdp(Map.of(ROOT, "127.0.0.1:" + es12));
    assertThat(order(ROOT).header().executed()).isTrue();
    assertThat(smds.events().all()).hasSize(1);
    smdp.es2()
        .cancelOrder(
            new CancelOrderRequest(
                new RequestHeader("operator", "2"),
                Iccid.withCheckDigit(ICCID19),
                PKI.eid(), // SGP.22 5.3.3: the order is linked to this EID, so it is named
                null,
                FinalProfileStatusIndicator.AVAILABLE));
    assertThat(smds.events().all()).isEmpty();
  }

  @Test
  void anUnreachableSmdsAtConfirmOrderIs8_9_5_1AfterTheRetriesAndTheOrderStaysLinked()
      throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    startSmdp(Map.of("down.smds.example.com", "127.0.0.1:" + closed));
    ConfirmOrderResponse r = order("down.smds.example.com");
    assertThat(r.header().executed()).isFalse();
    assertThat(r.header().functionExecutionStatus().statusCodeData().subjectCode())
        .isEqualTo("8.9");
    assertThat(r.header().functionExecutionStatus().statusCodeData().reasonCode()).isEqualTo("5.1");
    assertThat(smdp.orders().find(Iccid.withCheckDigit(ICCID19)).orElseThrow().state())
        .isEqualTo(ProfileState.LINKED);
    assertThat(
            sink.events().stream()
                .filter(
                    e ->
                        e.payload() instanceof EventPayload.Note n
                            && n.text().startsWith("ES12 registerEvent attempt")))
        .hasSize(2);
  }

  @Test
  void es12RefusesAClientWhoseCertificateIsNoDpTlsOrDsTls() {
    int es12 = startSmds();
    try (Es12Client notAServer =
        new Es12Client(
            PKI.credential(Role.DP_AUTH, CURVE),
            List.of(PKI.ci(CURVE).certificate()),
            Map.of(ROOT, "127.0.0.1:" + es12),
            "intruder",
            events)) {
      assertThatThrownBy(
              () ->
                  notAServer.registerEvent(
                      SmdpAddress.of(ROOT),
                      new RegisterEventRequest(
                          new RequestHeader("x", "1"), PKI.eid(), HOST, "EV-1", false)))
          .isInstanceOf(SmdsUnreachableException.class)
          .hasMessageContaining("HTTP 403");
    }
    assertThat(smds.events().all()).isEmpty();
  }

  @Test
  void anAlternativeSmdsForwardsToTheRootOverEs15() throws SmdsUnreachableException {
    int rootEs12 = startSmds();
    Es12Client cascade =
        new Es12Client(
            PKI.dsTls(CURVE),
            List.of(PKI.ci(CURVE).certificate()),
            Map.of(ROOT, "127.0.0.1:" + rootEs12),
            "smds.es15",
            events);
    open.add(cascade);
    SmdsSimulator alt =
        SmdsSimulator.builder(PKI, "testsmds2.example.com")
            .events(events)
            .forwardTo(SmdpAddress.of(ROOT), cascade)
            .build();
    Es12Response r =
        alt.es12()
            .registerEvent(
                new RegisterEventRequest(
                    new RequestHeader(HOST, "1"), PKI.eid(), HOST, "EV-9", true));
    assertThat(r.header().executed()).isTrue();
    assertThat(alt.events().all()).containsExactly(new EventRecord(PKI.eid(), "EV-9", HOST, true));
    // the root points the LPA at the alternative SM-DS
    assertThat(smds.events().all())
        .containsExactly(new EventRecord(PKI.eid(), "EV-9", "testsmds2.example.com", false));
    alt.es12()
        .deleteEvent(
            new org.rspharness.core.es12.DeleteEventRequest(
                new RequestHeader(HOST, "2"), PKI.eid(), "EV-9"));
    assertThat(smds.events().all()).isEmpty();
  }

  /** An alternative SM-DS on loopback forwarding to the root over ES15; returns its ES12 port. */
  private int startAlternative(SmdsSimulator[] out, int rootEs12) {
    Es12Client cascade =
        new Es12Client(
            PKI.dsTls(CURVE),
            List.of(PKI.ci(CURVE).certificate()),
            Map.of(ROOT, "127.0.0.1:" + rootEs12),
            "smds.es15",
            events);
    open.add(cascade);
    out[0] =
        SmdsSimulator.builder(PKI, ALT)
            .clock(clock)
            .random(RandomSource.seeded(12))
            .events(events)
            .forwardTo(SmdpAddress.of(ROOT), cascade)
            .build();
    SmdsServer server =
        SmdsServer.start(PKI, new SmdsServer.Config("127.0.0.1", 0, -1, 0), out[0], events);
    open.add(server);
    resolve.put(ALT, "127.0.0.1:" + server.es11Port(CURVE).orElseThrow());
    return server.es12Port().orElseThrow();
  }

  private static final String ALT = "testsmds2.example.com";

  @ParameterizedTest
  @EnumSource(Es11Client.PathVariant.class)
  void theLpaFollowsTheRootSmdsEventToTheAlternativeSmdsThenDownloadsFromTheSmdp(
      Es11Client.PathVariant variant) {
    int rootEs12 = startSmds();
    SmdsSimulator[] alt = new SmdsSimulator[1];
    int altEs12 = startAlternative(alt, rootEs12);
    startSmdp(Map.of(ALT, "127.0.0.1:" + altEs12));

    // SM-DP+ -> alternative SM-DS (ES12) -> root SM-DS (ES15)
    ConfirmOrderResponse confirmed = order(ALT);
    assertThat(confirmed.header().executed()).isTrue();
    String eventId = confirmed.matchingId().value();
    assertThat(smds.events().all())
        .containsExactly(new EventRecord(PKI.eid(), eventId, ALT, false));

    // LPA: root SM-DS -> alternative SM-DS -> SM-DP+
    DiscoveryResult r = lpa(variant).discover(null, ConsentHook.ACCEPT_ALL);

    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.events()).containsExactly(new org.rspharness.core.es11.EventEntry(eventId, HOST));
    assertThat(r.installedAll()).as(r.message()).isTrue();
    assertThat(r.message()).contains("1 after the SM-DS cascade", "1 installed");
    assertThat(smdp.orders().find(Iccid.withCheckDigit(ICCID19)).orElseThrow().state())
        .isEqualTo(ProfileState.INSTALLED);
    // the event left both SM-DSs once installed
    assertThat(alt[0].events().all()).isEmpty();
    assertThat(smds.events().all()).isEmpty();
    // the alternative SM-DS was asked over ES11 (InitiateAuthentication, AuthenticateClient)
    assertThat(
            sink.events().stream()
                .filter(e -> e.payload() instanceof EventPayload.HttpExchange)
                .map(e -> ((EventPayload.HttpExchange) e.payload()).url())
                .filter(u -> u.contains(ALT) && !u.contains("/es12/")))
        .hasSize(2);
  }

  @Test
  void theCascadeWorksInTheAsn1BindingToo() {
    int rootEs12 = startSmds();
    SmdsSimulator[] alt = new SmdsSimulator[1];
    int altEs12 = startAlternative(alt, rootEs12);
    startSmdp(Map.of(ALT, "127.0.0.1:" + altEs12));
    String eventId = order(ALT).matchingId().value();

    DiscoveryResult r = lpa(Es11Client.PathVariant.ES11, true).discover(null, null);

    assertThat(r.installedAll()).as(r.message()).isTrue();
    assertThat(r.events()).containsExactly(new org.rspharness.core.es11.EventEntry(eventId, HOST));
    // every LPA call went to the ASN.1 path: ES11 at both SM-DSs, ES9+ at the SM-DP+
    List<String> urls =
        sink.events().stream()
            .filter(e -> e.payload() instanceof EventPayload.HttpExchange)
            .filter(e -> e.source().startsWith("lpa"))
            .map(e -> ((EventPayload.HttpExchange) e.payload()).url())
            .toList();
    assertThat(urls).isNotEmpty().allMatch(u -> u.endsWith("/gsma/rsp2/asn1"));
    assertThat(urls).anyMatch(u -> u.contains(ROOT)).anyMatch(u -> u.contains(ALT));
  }

  @Test
  void anSmdsCascadeThatComesBackIsStoppedWithANamedFailure() {
    int rootEs12 = startSmds();
    SmdsSimulator[] alt = new SmdsSimulator[1];
    startAlternative(alt, rootEs12);
    startSmdp(Map.of());
    RequestHeader h = new RequestHeader("test", "1");
    // root -> alternative -> root again, for the same event
    smds.es12().registerEvent(new RegisterEventRequest(h, PKI.eid(), ALT, "EV-LOOP", false));
    alt[0].es12().registerEvent(new RegisterEventRequest(h, PKI.eid(), ROOT, "EV-LOOP", false));

    DiscoveryResult r = lpa(Es11Client.PathVariant.ES9PLUS).discover(null, ConsentHook.ACCEPT_ALL);

    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.downloads()).hasSize(1);
    assertThat(r.downloads().get(0).installed()).isFalse();
    assertThat(r.downloads().get(0).message()).contains("EV-LOOP", "comes back to " + ROOT);
    assertThat(r.installedAll()).isFalse();
  }

  @Test
  void anAlternativeSmdsAsksForAnEventItDoesNotHoldAnswers8_9_5_3_9() {
    int rootEs12 = startSmds();
    SmdsSimulator[] alt = new SmdsSimulator[1];
    startAlternative(alt, rootEs12);
    startSmdp(Map.of());
    smds.es12()
        .registerEvent(
            new RegisterEventRequest(
                new RequestHeader("t", "1"), PKI.eid(), ALT, "EV-GONE", false));

    DiscoveryResult r = lpa(Es11Client.PathVariant.ES11).discover(null, ConsentHook.ACCEPT_ALL);

    assertThat(r.downloads()).hasSize(1);
    assertThat(r.downloads().get(0).statusCodeData().orElseThrow().subjectCode())
        .isEqualTo("8.9.5");
    assertThat(r.downloads().get(0).statusCodeData().orElseThrow().reasonCode()).isEqualTo("3.9");
  }

  @Test
  void theLpaRefusesAnSmdsWhoseDsTlsCertificateDoesNotNameTheHostItContacted() {
    startSmds();
    // a host the DStls SAN does not name, dialled to the root SM-DS's ES11 port
    resolve.put("rogue.smds.example.com", resolve.get(ROOT));
    Lpa lpa = lpa(Es11Client.PathVariant.ES11);
    DiscoveryResult wrong = lpa.discover(SmdpAddress.of("rogue.smds.example.com"), null);
    assertThat(wrong.ok()).isFalse();
    assertThat(wrong.statusCode()).isNull();
    assertThat(wrong.message()).contains("rogue.smds.example.com");
    assertThat(wrong.message().toLowerCase(java.util.Locale.ROOT))
        .containsAnyOf("subject alternative", "certificate", "hostname");
    // the same SM-DS under the name its DStls carries is answered
    assertThat(lpa.discover(SmdpAddress.of(ROOT), null).ok()).isTrue();
  }

  private List<String> transitions(String entity) {
    return sink.events().stream()
        .map(Event::payload)
        .filter(p -> p instanceof EventPayload.StateTransition t && t.entity().equals(entity))
        .map(
            p ->
                ((EventPayload.StateTransition) p).from()
                    + "->"
                    + ((EventPayload.StateTransition) p).to())
        .toList();
  }
}
