package org.rspharness.smdp.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.es9.Es9PlusEndpoint;

/** The protocol fault handler at HTTP level, without TLS. */
class ProtocolFaultsHandlerTest {

  private final SmdpFixture f = new SmdpFixture();

  private SmdpSimulator smdp(FaultPlan plan) {
    return SmdpSimulator.builder(SmdpFixture.PKI, SmdpFixture.HOST)
        .clock(f.clock)
        .random(f.random)
        .events(f.events)
        .faults(plan)
        .build();
  }

  private FaultPlan plan(String function, Fault fault) {
    return new FaultPlan(
        List.of(new FaultRule(Layer.PROTOCOL, function, 0, FaultPoint.ANSWER, -1, fault)),
        null,
        f.random,
        f.events);
  }

  private byte[] initiateBody() {
    return SmdpFixture.json(
        new InitiateAuthenticationRequest(
            f.euicc.challenge(), f.euicc.euiccInfo1(), SmdpAddress.of(SmdpFixture.HOST)));
  }

  @Test
  void withoutFaultsTheEndpointIsNotWrapped() {
    assertThat(smdp(FaultPlan.none()).es9JsonEndpoint()).isInstanceOf(Es9PlusEndpoint.class);
    assertThat(smdp(plan("authenticateClient", new Fault.HttpError(500))).es9JsonEndpoint())
        .isInstanceOf(ProtocolFaults.class);
  }

  @Test
  void httpErrorIsAnHtmlPageAndTheFunctionDoesNotRun() {
    SmdpSimulator smdp = smdp(plan("initiateAuthentication", new Fault.HttpError(503)));
    RspHttpResponse r =
        smdp.es9Endpoint()
            .handle(
                SmdpFixture.post(
                    Es9PlusEndpoint.PREFIX + "initiateAuthentication", initiateBody()));
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("<html>").contains("503");
    assertThat(smdp.sessions().size()).as("no session opened").isZero();
    assertThat(f.sink.payloads(EventPayload.FaultInjected.class).toList())
        .containsExactly(
            new EventPayload.FaultInjected("initiateAuthentication answer", "http-error 503", 1));
  }

  @Test
  void answerStatusIsAFailedHeaderAndTheFunctionDoesNotRun() throws Exception {
    SmdpSimulator smdp =
        smdp(
            plan(
                "initiateAuthentication",
                new Fault.AnswerStatus(StatusCodes.SMDP_ADDRESS_REFUSED)));
    RspHttpResponse r =
        smdp.es9Endpoint()
            .handle(
                SmdpFixture.post(
                    Es9PlusEndpoint.PREFIX + "initiateAuthentication", initiateBody()));
    assertThat(r.status()).isEqualTo(200);
    JsonNode status =
        new ObjectMapper().readTree(r.body()).path("header").path("functionExecutionStatus");
    assertThat(status.path("status").asText()).isEqualTo("Failed");
    assertThat(status.path("statusCodeData").path("subjectCode").asText())
        .isEqualTo(StatusCodes.SMDP_ADDRESS_REFUSED.subjectCode());
    assertThat(status.path("statusCodeData").path("reasonCode").asText())
        .isEqualTo(StatusCodes.SMDP_ADDRESS_REFUSED.reasonCode());
    assertThat(smdp.sessions().size()).isZero();
    // a function the rule does not name runs as usual
    RspHttpResponse other =
        smdp.es9Endpoint().handle(SmdpFixture.post(Es9PlusEndpoint.PREFIX + "cancelSession", "{}"));
    assertThat(new String(other.body(), StandardCharsets.UTF_8)).contains("Failed");
    assertThat(f.sink.payloads(EventPayload.FaultInjected.class)).hasSize(1);
  }

  @Test
  void aCorruptionOfAFailedAnswerLeavesItAndSaysSo() {
    SmdpSimulator smdp =
        smdp(plan("cancelSession", new Fault.Corrupt(Fault.Corrupt.Kind.WRONG_TRANSACTION_ID, 0)));
    RspHttpResponse r =
        smdp.es9Endpoint().handle(SmdpFixture.post(Es9PlusEndpoint.PREFIX + "cancelSession", "{}"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("Failed");
    assertThat(f.sink.payloads(EventPayload.Note.class).map(EventPayload.Note::text))
        .contains("cancelSession: wrong-transaction-id not applied, the answer is not a success");
  }

  @Test
  void aWrongSignatureFlipsTheLastByteOfServerSignature1Only() throws Exception {
    SmdpSimulator faulty =
        SmdpSimulator.builder(SmdpFixture.PKI, SmdpFixture.HOST)
            .clock(f.clock)
            .random(org.rspharness.core.random.RandomSource.seeded(42))
            .events(f.events)
            .faults(
                plan(
                    "initiateAuthentication",
                    new Fault.Corrupt(Fault.Corrupt.Kind.WRONG_SIGNATURE, 0)))
            .build();
    SmdpSimulator reference =
        SmdpSimulator.builder(SmdpFixture.PKI, SmdpFixture.HOST)
            .clock(f.clock)
            .random(org.rspharness.core.random.RandomSource.seeded(42))
            .build();
    byte[] body = initiateBody();
    ObjectMapper m = new ObjectMapper();
    JsonNode good =
        m.readTree(
            reference
                .es9Endpoint()
                .handle(SmdpFixture.post(Es9PlusEndpoint.PREFIX + "initiateAuthentication", body))
                .body());
    JsonNode bad =
        m.readTree(
            faulty
                .es9Endpoint()
                .handle(SmdpFixture.post(Es9PlusEndpoint.PREFIX + "initiateAuthentication", body))
                .body());
    assertThat(bad.get("serverSigned1")).isEqualTo(good.get("serverSigned1"));
    assertThat(bad.get("serverCertificate")).isEqualTo(good.get("serverCertificate"));
    byte[] g = java.util.Base64.getDecoder().decode(good.get("serverSignature1").asText());
    byte[] b = java.util.Base64.getDecoder().decode(bad.get("serverSignature1").asText());
    assertThat(b).hasSameSizeAs(g);
    assertThat(java.util.Arrays.copyOf(b, b.length - 1))
        .isEqualTo(java.util.Arrays.copyOf(g, g.length - 1));
    assertThat(b[b.length - 1]).isEqualTo((byte) (g[g.length - 1] ^ 1));
  }
}
