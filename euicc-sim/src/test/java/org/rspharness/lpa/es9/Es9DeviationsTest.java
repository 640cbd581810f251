package org.rspharness.lpa.es9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.event.Deviations;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;

/**
 * SGP.22 section 6.5: what the LPA's ES9+ client tolerates from an SM-DP+ as deployed LPAs do, each
 * recorded as a deviation; strict, each fails the function.
 */
class Es9DeviationsTest {

  private static final String HOST = Es9PlusClientTest.HOST;
  private static final String B64 = Base64.getEncoder().encodeToString(Es9PlusClientTest.SIGNED1);

  private FakeEs9Server server;
  private final RecordingSink sink = new RecordingSink();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Es9PlusClient client(TlsTestPki pki, boolean strict) {
    EventLog log = EventLog.system().addSink(sink);
    Es9PlusClient.Config c =
        Es9PlusClient.Config.defaults(List.of(pki.ci))
            .withResolve(Map.of(HOST, "127.0.0.1"))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    return new Es9PlusClient(c, log, null, new Deviations(log, "lpa-es9", strict));
  }

  private List<EventPayload.Deviation> deviations() {
    return sink.payloads(EventPayload.Deviation.class).toList();
  }

  private SmdpAddress address() {
    return SmdpAddress.of(HOST + ":" + server.port());
  }

  private static InitiateAuthenticationRequest initiate() {
    return new InitiateAuthenticationRequest(
        new byte[16], new byte[] {(byte) 0xBF, 0x20, 0x00}, SmdpAddress.of(HOST));
  }

  private void serve(TlsTestPki pki, Function<RspHttpRequest, RspHttpResponse> answer)
      throws Exception {
    server = new FakeEs9Server(pki.dpTlsKey, pki.dpTls, answer::apply);
  }

  @Test
  void base64WithLineBreaksIsADeviationTheLpaToleratesAndStrictRefuses() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    String broken = B64.substring(0, 4) + "\\r\\n" + B64.substring(4);
    serve(pki, r -> FakeEs9Server.json(Es9PlusClientTest.initiateOk(broken)));
    try (Es9PlusClient es9 = client(pki, false)) {
      assertThat(es9.initiateAuthentication(address(), initiate()).serverSigned1())
          .isEqualTo(Es9PlusClientTest.SIGNED1);
    }
    assertThat(deviations())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.who()).isEqualTo("SM-DP+");
              assertThat(d.clause()).isEqualTo("SGP.22 6.5");
              assertThat(d.observed()).contains("/serverSigned1");
              assertThat(d.tolerated()).isTrue();
            });
    try (Es9PlusClient es9 = client(pki, true)) {
      assertThatThrownBy(() -> es9.initiateAuthentication(address(), initiate()))
          .isInstanceOf(Es9Exception.class)
          .hasMessageContaining("strict");
    }
  }

  @Test
  void aMemberSgp22DoesNotDefineIsADeviation() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    String extra = Es9PlusClientTest.initiateOk(B64).replaceFirst("\\{", "{\"vendorTrace\":\"x\",");
    serve(pki, r -> FakeEs9Server.json(extra));
    try (Es9PlusClient es9 = client(pki, false)) {
      es9.initiateAuthentication(address(), initiate());
    }
    assertThat(deviations())
        .singleElement()
        .satisfies(d -> assertThat(d.observed()).contains("unknown member 'vendorTrace'"));
  }

  @Test
  void aFailedHeaderIsAnErrorNotADeviation() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    String failed =
        "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Failed\",\"statusCodeData\":"
            + "{\"subjectCode\":\"8.2.6\",\"reasonCode\":\"3.8\"}}}}";
    serve(pki, r -> FakeEs9Server.json(failed));
    try (Es9PlusClient es9 = client(pki, false)) {
      assertThatThrownBy(() -> es9.initiateAuthentication(address(), initiate()))
          .isInstanceOf(Es9Exception.class);
    }
    assertThat(deviations()).isEmpty();
  }

  @Test
  void handleNotificationAnswered200InsteadOf204IsADeviation() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    serve(
        pki,
        r ->
            FakeEs9Server.json(
                "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Executed-Success\"}}}"));
    HandleNotification n = new HandleNotification(new byte[] {(byte) 0xBF, 0x37, 0x00});
    try (Es9PlusClient es9 = client(pki, false)) {
      es9.handleNotification(address(), n);
    }
    assertThat(deviations())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.observed()).isEqualTo("HTTP 200");
              assertThat(d.limit()).isEqualTo("HTTP 204");
            });
    try (Es9PlusClient es9 = client(pki, true)) {
      assertThatThrownBy(() -> es9.handleNotification(address(), n))
          .isInstanceOf(Es9Exception.class);
    }
  }

  @Test
  void aWrongContentTypeAndAnUnknownAdminProtocolAreDeviations() throws Exception {
    TlsTestPki pki = TlsTestPki.create(Curve.NIST_P256, HOST);
    serve(
        pki,
        r ->
            new RspHttpResponse(
                200,
                Map.of("Content-Type", "text/plain", "X-Admin-Protocol", "rsp/2"),
                Es9PlusClientTest.initiateOk(B64)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try (Es9PlusClient es9 = client(pki, false)) {
      es9.initiateAuthentication(address(), initiate());
    }
    assertThat(deviations())
        .extracting(EventPayload.Deviation::rule)
        .containsExactly("response Content-Type", "response X-Admin-Protocol");
  }
}
