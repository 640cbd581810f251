package org.rspharness.smdp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.PkiException;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpResponse;

class SmdpServerTest {

  private static final String ES9 = "/gsma/rsp2/es9plus/initiateAuthentication";
  private static final String ES2 = "/gsma/rsp2/es2plus/downloadOrder";

  private static SmdpServer.Config config() {
    return SmdpServer.Config.es9Only(TransportFixtures.HOST, 0).withBrainpoolPort(0);
  }

  private static SmdpServer start(SmdpServer.Config config) {
    return SmdpServer.start(
        TransportFixtures.pki(),
        config,
        TransportFixtures.echo(),
        TransportFixtures.echo(),
        SmdpServer.newRegistry(),
        EventLog.disabled());
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void servesEs9OverTlsWithTheDpTlsCertificateOfEachCurve(Curve curve) throws Exception {
    try (SmdpServer server = start(config());
        RspHttpClient client =
            TransportFixtures.client(curve, TransportFixtures.HOST, null, List.of())) {
      int port = server.es9Port(curve).orElseThrow();
      RspHttpResponse r = TransportFixtures.post(client, TransportFixtures.HOST, port, ES9);
      assertThat(r.status()).isEqualTo(200);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(ES9 + "|0");
    }
  }

  @Test
  void aClientRefusesTheServerUnderAHostNameTheSanDoesNotName() throws Exception {
    try (SmdpServer server = start(config());
        RspHttpClient client =
            TransportFixtures.client(Curve.NIST_P256, "other.example.com", null, List.of())) {
      int port = server.es9Port(Curve.NIST_P256).orElseThrow();
      assertThatThrownBy(() -> TransportFixtures.post(client, "other.example.com", port, ES9))
          .isInstanceOf(RspHttpException.class);
    }
  }

  @Test
  void es2AcceptsTheOperatorCertificateAndPassesItToTheHandler() throws Exception {
    TransportFixtures.Operator op = TransportFixtures.operator();
    try (SmdpServer server = start(config().withEs2(0, List.of(op.certificate())));
        RspHttpClient client =
            TransportFixtures.client(
                Curve.NIST_P256, TransportFixtures.HOST, op.key(), List.of(op.certificate()))) {
      RspHttpResponse r =
          TransportFixtures.post(
              client, TransportFixtures.HOST, server.es2Port().orElseThrow(), ES2);
      assertThat(r.status()).isEqualTo(200);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(ES2 + "|1");
    }
  }

  @Test
  void es2RefusesAClientWithoutCertificateAndOneWithAnEuiccCertificate() throws Exception {
    TransportFixtures.Operator op = TransportFixtures.operator();
    Credential euicc = TransportFixtures.pki().euicc(Curve.NIST_P256);
    try (SmdpServer server = start(config().withEs2(0, List.of(op.certificate())));
        RspHttpClient anonymous =
            TransportFixtures.client(Curve.NIST_P256, TransportFixtures.HOST, null, List.of());
        RspHttpClient asEuicc =
            TransportFixtures.client(
                Curve.NIST_P256, TransportFixtures.HOST, euicc.requirePrivateKey(), euicc.path())) {
      int port = server.es2Port().orElseThrow();
      assertThatThrownBy(() -> TransportFixtures.post(anonymous, TransportFixtures.HOST, port, ES2))
          .isInstanceOf(RspHttpException.class);
      assertThatThrownBy(() -> TransportFixtures.post(asEuicc, TransportFixtures.HOST, port, ES2))
          .isInstanceOf(RspHttpException.class);
      // ...while ES9+ on the same server still answers anonymous clients
      RspHttpResponse ok =
          TransportFixtures.post(
              anonymous,
              TransportFixtures.HOST,
              server.es9Port(Curve.NIST_P256).orElseThrow(),
              ES9);
      assertThat(ok.status()).isEqualTo(200);
    }
  }

  @Test
  void aBusyPortGivesAClearErrorNamingTheInterface() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      SmdpServer.Config c =
          SmdpServer.Config.es9Only(TransportFixtures.HOST, 0)
              .withBrainpoolPort(busy.getLocalPort());
      assertThatThrownBy(() -> start(c))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("ES9+ (brainpool)")
          .hasMessageContaining(String.valueOf(busy.getLocalPort()))
          .hasMessageContaining("in use");
    }
  }

  @Test
  void aPkiWithoutTheBrainpoolDpTlsGivesThePkiMessage() {
    TestPki nistOnly =
        TestPki.builder()
            .random(RandomSource.seeded(5))
            .curves(EnumSet.of(Curve.NIST_P256))
            .smdpHost(TransportFixtures.HOST)
            .build();
    assertThatThrownBy(
            () ->
                SmdpServer.start(
                    nistOnly,
                    config(),
                    TransportFixtures.echo(),
                    null,
                    SmdpServer.newRegistry(),
                    EventLog.disabled()))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("DPtls")
        .hasMessageContaining("BRP");
  }

  @Test
  void aHostTheDpTlsCertificateDoesNotNameIsRefusedAtStart() {
    assertThatThrownBy(() -> start(SmdpServer.Config.es9Only("smdp.other.example", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TransportFixtures.HOST)
        .hasMessageContaining("smdp.other.example");
  }

  @Test
  void countsRequestsPerFunctionAndStatusClassAndServesThemToPrometheus() throws Exception {
    try (SmdpServer server = start(config().withMetricsPort(0));
        RspHttpClient client =
            TransportFixtures.client(Curve.NIST_P256, TransportFixtures.HOST, null, List.of())) {
      int port = server.es9Port(Curve.NIST_P256).orElseThrow();
      TransportFixtures.post(client, TransportFixtures.HOST, port, ES9);
      TransportFixtures.post(client, TransportFixtures.HOST, port, ES9);
      TransportFixtures.post(client, TransportFixtures.HOST, port, "/some/unknown/path");

      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + server.metricsPort().orElseThrow()
                                  + "/metrics"))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("content-type"))
          .hasValue(SmdpServer.PROMETHEUS_CONTENT_TYPE);
      assertThat(scrape.body())
          .contains("# HELP smdp_es9_requests_seconds ")
          .contains("# TYPE smdp_es9_requests_seconds summary")
          .containsPattern(
              "smdp_es9_requests_seconds_count\\{function=\"initiateAuthentication\",outcome=\"[a-z-]+\","
                  + "reason=\"[0-9./a-z]+\",status=\"2xx\"} 2")
          .containsPattern(
              "smdp_es9_requests_seconds_count\\{function=\"other\",outcome=\"[a-z-]+\","
                  + "reason=\"[0-9./a-z]+\",status=\"2xx\"} 1");
      assertThat(server.summary())
          .startsWith("SM-DP+ " + TransportFixtures.HOST + ": ES9+ https://127.0.0.1:" + port)
          .contains("brainpoolP256r1")
          .contains("/metrics")
          // The default (GCM only) keeps NIST on BoringSSL when it loads; brainpool is BCJSSE.
          .contains(
              org.rspharness.core.transport.tls.TlsContexts.boringSslAvailable()
                  ? "(NIST P-256, BoringSSL; brainpoolP256r1 on BCJSSE to clients offering it)"
                  : "(NIST P-256, BCJSSE; brainpoolP256r1 on BCJSSE to clients offering it)")
          .contains("(brainpoolP256r1, BCJSSE)");
    }
  }
}
