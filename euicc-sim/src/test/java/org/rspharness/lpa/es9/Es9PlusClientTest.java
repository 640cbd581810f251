package org.rspharness.lpa.es9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.net.ClientTransport;
import org.rspharness.core.transport.NettyClientTransport;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpResponse;

class Es9PlusClientTest {

  static final String HOST = "testsmdpplus1.example.com";
  static final byte[] SIGNED1 = {0x30, 0x03, (byte) 0x80, 0x01, 0x01};
  static final String TX = "0123456789ABCDEF0123456789ABCDEF";

  static String initiateOk(String serverSigned1Base64) {
    return "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Executed-Success\"}},"
        + "\"transactionId\":\""
        + TX
        + "\",\"serverSigned1\":\""
        + serverSigned1Base64
        + "\",\"serverSignature1\":\"XzcBAA==\",\"euiccCiPKIdToBeUsed\":\"BAEA\","
        + "\"serverCertificate\":\"MAA=\"}";
  }

  private FakeEs9Server server;

  @org.junit.jupiter.api.AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private Es9PlusClient client(TlsTestPki trust, EventLog log) {
    return new Es9PlusClient(
        Es9PlusClient.Config.defaults(List.of(trust.ci))
            .withResolve(Map.of(HOST, "127.0.0.1"))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)),
        log);
  }

  private SmdpAddress address() {
    return SmdpAddress.of(HOST + ":" + server.port());
  }

  private static InitiateAuthenticationRequest initiate() {
    return new InitiateAuthenticationRequest(
        new byte[16], new byte[] {(byte) 0xBF, 0x20, 0x00}, SmdpAddress.of(HOST));
  }

  @ParameterizedTest
  @EnumSource(Curve.class)
  void initiatesAuthenticationOverTlsOnBothCurves(Curve curve) throws Exception {
    TlsTestPki pki = TlsTestPki.create(curve, HOST);
    String b64 = Base64.getEncoder().encodeToString(SIGNED1);
    RecordingSink sink = new RecordingSink();
    server = new FakeEs9Server(pki.dpTlsKey, pki.dpTls, r -> FakeEs9Server.json(initiateOk(b64)));
    try (Es9PlusClient es9 = client(pki, EventLog.system().addSink(sink))) {
      InitiateAuthenticationResponse r = es9.initiateAuthentication(address(), initiate());

      assertThat(r.transactionId()).isEqualTo(TransactionId.fromHex(TX));
      assertThat(r.serverSigned1()).isEqualTo(SIGNED1);
      var request = server.requests.get(0);
      assertThat(request.path()).isEqualTo("/gsma/rsp2/es9plus/initiateAuthentication");
      assertThat(request.header("X-Admin-Protocol")).isEqualTo("gsma/rsp/v2.2.0");
      assertThat(request.header("User-Agent")).isEqualTo("gsma-rsp-lpad");
      assertThat(request.header("Content-Type")).startsWith("application/json");
      assertThat(request.header("Host")).isEqualTo(HOST + ":" + server.port());
      // The request is valid for a strict SM-DP+.
      var decoded = RspJson.strict().read(request.body(), InitiateAuthenticationRequest.class);
      assertThat(decoded.euiccInfo1()).isEqualTo(new byte[] {(byte) 0xBF, 0x20, 0x00});
      assertThat(sink.payloads(EventPayload.HttpExchange.class))
          .singleElement()
          .satisfies(h -> assertThat(h.status()).isEqualTo(200));
    }
  }

  @Test
  void toleratesBase64WithLineBreaksAndSpaces() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    String b64 = Base64.getEncoder().encodeToString(SIGNED1);
    String broken = b64.substring(0, 4) + "\\r\\n " + b64.substring(4);
    server =
        new FakeEs9Server(pki.dpTlsKey, pki.dpTls, r -> FakeEs9Server.json(initiateOk(broken)));
    try (Es9PlusClient es9 = client(pki, EventLog.disabled())) {
      assertThat(es9.initiateAuthentication(address(), initiate()).serverSigned1())
          .isEqualTo(SIGNED1);
    }
  }

  @Test
  void aFailedHeaderBecomesATypedExceptionWithTheStatusCode() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    String failed =
        "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Failed\",\"statusCodeData\":"
            + "{\"subjectCode\":\"8.2.6\",\"reasonCode\":\"3.8\",\"message\":\"no such order\"}}}}";
    server = new FakeEs9Server(pki.dpTlsKey, pki.dpTls, r -> FakeEs9Server.json(failed));
    try (Es9PlusClient es9 = client(pki, EventLog.disabled())) {
      assertThatThrownBy(
              () ->
                  es9.authenticateClient(
                      address(),
                      new AuthenticateClientRequest(
                          TransactionId.fromHex(TX), new byte[] {(byte) 0xBF, 0x38, 0})))
          .isInstanceOfSatisfying(
              Es9Exception.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Es9Exception.Kind.FUNCTION_FAILED);
                assertThat(e.executionStatus()).contains(ExecutionStatus.FAILED);
                assertThat(e.statusCodeData().orElseThrow().subjectCode()).isEqualTo("8.2.6");
                assertThat(e.statusCodeData().orElseThrow().reasonCode()).isEqualTo("3.8");
                assertThat(e.function()).isEqualTo("authenticateClient");
              })
          .hasMessageContaining("8.2.6/3.8")
          .hasMessageContaining("matchingId")
          .hasMessageContaining("no such order");
    }
  }

  @Test
  void http500WithAnHtmlPageIsAClearErrorNamingFunctionAndStatus() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    RspHttpHandler html =
        r ->
            new RspHttpResponse(
                500,
                Map.of("Content-Type", "text/html"),
                "<html><body><h1>Internal Server Error</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8));
    server = new FakeEs9Server(pki.dpTlsKey, pki.dpTls, html);
    try (Es9PlusClient es9 = client(pki, EventLog.disabled())) {
      assertThatThrownBy(() -> es9.initiateAuthentication(address(), initiate()))
          .isInstanceOfSatisfying(
              Es9Exception.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Es9Exception.Kind.HTTP_STATUS);
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e.statusCodeData()).isEmpty();
              })
          .hasMessageStartingWith("initiateAuthentication: HTTP 500")
          .hasMessageContaining("HTML page")
          .hasMessageContaining("Internal Server Error")
          .hasMessageNotContaining("<h1>");
    }
  }

  @Test
  void anHtmlPageWithStatus200IsAMalformedResponse() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    RspHttpHandler html =
        r ->
            new RspHttpResponse(
                200, Map.of(), "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8));
    server = new FakeEs9Server(pki.dpTlsKey, pki.dpTls, html);
    try (Es9PlusClient es9 = client(pki, EventLog.disabled())) {
      assertThatThrownBy(() -> es9.initiateAuthentication(address(), initiate()))
          .isInstanceOfSatisfying(
              Es9Exception.class,
              e -> assertThat(e.kind()).isEqualTo(Es9Exception.Kind.MALFORMED_RESPONSE))
          .hasMessageContaining("HTML page instead of JSON");
    }
  }

  @Test
  void refusesACertificateForAnotherHostName() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, "other.example.com");
    server =
        new FakeEs9Server(pki.dpTlsKey, pki.dpTls, r -> FakeEs9Server.json(initiateOk("MAA=")));
    try (Es9PlusClient es9 = client(pki, EventLog.disabled())) {
      assertThatThrownBy(() -> es9.initiateAuthentication(address(), initiate()))
          .isInstanceOfSatisfying(
              Es9Exception.class, e -> assertThat(e.kind()).isEqualTo(Es9Exception.Kind.TRANSPORT))
          .hasMessageContaining("TLS_FAILED");
      assertThat(server.requests).isEmpty();
    }
  }

  @Test
  void refusesAServerChainingToAnotherCi() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    TlsTestPki other = TlsTestPki.create(Curve.NIST_P256, HOST);
    server =
        new FakeEs9Server(pki.dpTlsKey, pki.dpTls, r -> FakeEs9Server.json(initiateOk("MAA=")));
    try (Es9PlusClient es9 = client(other, EventLog.disabled())) {
      assertThatThrownBy(() -> es9.initiateAuthentication(address(), initiate()))
          .isInstanceOf(Es9Exception.class)
          .hasMessageContaining("TLS_FAILED");
    }
  }

  @Test
  void handleNotificationAccepts204AndSendsTheConfiguredAdminProtocol() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.BRAINPOOL_P256R1, HOST);
    server =
        new FakeEs9Server(
            pki.dpTlsKey, pki.dpTls, r -> new RspHttpResponse(204, Map.of(), new byte[0]));
    try (Es9PlusClient es9 =
        new Es9PlusClient(
            Es9PlusClient.Config.defaults(List.of(pki.ci))
                .withResolve(Map.of(HOST, "127.0.0.1"))
                .withAdminProtocol("gsma/rsp/v2.5.0"),
            EventLog.disabled())) {
      es9.handleNotification(address(), new HandleNotification(new byte[] {(byte) 0xBF, 0x37, 0}));
      assertThat(server.requests.get(0).header("X-Admin-Protocol")).isEqualTo("gsma/rsp/v2.5.0");
      assertThat(FakeEs9Server.function(server.requests.get(0))).isEqualTo("handleNotification");
    }
  }

  @Test
  void keepAliveServesTwoCallsOnOneConnection() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    String b64 = Base64.getEncoder().encodeToString(SIGNED1);
    server = new FakeEs9Server(pki.dpTlsKey, pki.dpTls, r -> FakeEs9Server.json(initiateOk(b64)));
    java.util.concurrent.atomic.AtomicInteger pipelines =
        new java.util.concurrent.atomic.AtomicInteger();
    try (NettyClientTransport netty = NettyClientTransport.create(1);
        Es9PlusClient es9 =
            new Es9PlusClient(
                Es9PlusClient.Config.defaults(List.of(pki.ci))
                    .withResolve(Map.of(HOST, "127.0.0.1")),
                EventLog.disabled(),
                new ClientTransport() {
                  @Override
                  public RspHttpClient httpClient(RspHttpClient.Config config, EventLog events) {
                    // each new connection gets a pipeline: count them
                    return netty.httpClient(
                        config.withPipelineHook(p -> pipelines.incrementAndGet()), events);
                  }

                  @Override
                  public void close() {}
                })) {
      es9.initiateAuthentication(address(), initiate());
      es9.initiateAuthentication(address(), initiate()); // keep-alive: same connection
      assertThat(pipelines).hasValue(1);
      assertThat(server.requests).hasSize(2);
    }
  }

  @Test
  void refusesAConfigWithoutCiCertificates() {
    assertThatThrownBy(() -> Es9PlusClient.Config.defaults(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CI certificate");
  }
}
