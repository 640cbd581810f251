package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es9.Es9Asn1Binding;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.SmdpSimulator;

/**
 * The ASN.1 binding runs through the JSON binding's handler: the protocol faults of the plan and
 * the X-Admin-Protocol check (a deviation served, or refused when strict) apply to it as to JSON.
 */
class Asn1BindingFaultsTest {

  private final SmdpFixture f = new SmdpFixture();

  private SmdpSimulator smdp(FaultPlan plan, boolean strict) {
    return SmdpSimulator.builder(SmdpFixture.PKI, SmdpFixture.HOST)
        .clock(f.clock)
        .random(f.random)
        .events(f.events)
        .faults(plan)
        .strict(strict)
        .build();
  }

  private FaultPlan plan(String function, Fault fault) {
    return new FaultPlan(
        List.of(new FaultRule(Layer.PROTOCOL, function, 0, FaultPoint.ANSWER, -1, fault)),
        null,
        f.random,
        f.events);
  }

  private RspHttpRequest asn1Initiate(String adminProtocol) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", Es9Asn1Binding.CONTENT_TYPE);
    if (adminProtocol != null) {
      h.put("x-admin-protocol", adminProtocol);
    }
    byte[] body =
        Es9Asn1Binding.encodeRequest(
            new InitiateAuthenticationRequest(
                f.euicc.challenge(), f.euicc.euiccInfo1(), SmdpAddress.of(SmdpFixture.HOST)));
    return new RspHttpRequest("POST", Es9Asn1Binding.PATH, h, body, "127.0.0.1:1", List.of());
  }

  private static InitiateAuthenticationResponse read(RspHttpResponse r) {
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo(Es9Asn1Binding.CONTENT_TYPE);
    return Es9Asn1Binding.decodeResponse(
        r.body(), "initiateAuthentication", InitiateAuthenticationResponse.class);
  }

  @Test
  void anInjectedStatusIsTheFunctionsErrorIntegerAndTheFunctionDoesNotRun() {
    SmdpSimulator smdp =
        smdp(
            plan(
                "initiateAuthentication", new Fault.AnswerStatus(StatusCodes.SMDP_ADDRESS_REFUSED)),
            false);
    InitiateAuthenticationResponse r =
        read(smdp.es9Endpoint().handle(asn1Initiate("gsma/rsp/v2.2.0")));
    assertThat(r.header().executed()).isFalse();
    StatusCodeData d = r.header().functionExecutionStatus().statusCodeData();
    // invalidDpAddress(1) stands for 8.8.1/3.8
    assertThat(d.subjectCode() + "/" + d.reasonCode()).isEqualTo("8.8.1/3.8");
    assertThat(smdp.sessions().size()).as("no session opened").isZero();
    assertThat(f.sink.payloads(EventPayload.FaultInjected.class)).hasSize(1);
  }

  @Test
  void anInjectedHttpErrorIsThatStatusWithItsPage() {
    SmdpSimulator smdp = smdp(plan("initiateAuthentication", new Fault.HttpError(503)), false);
    RspHttpResponse r = smdp.es9Endpoint().handle(asn1Initiate("gsma/rsp/v2.2.0"));
    assertThat(r.status()).isEqualTo(503);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("503");
    assertThat(smdp.sessions().size()).isZero();
  }

  @Test
  void aCorruptedSignatureReachesTheAsn1Answer() throws Exception {
    SmdpSimulator clean = smdp(FaultPlan.none(), false);
    SmdpSimulator faulty =
        smdp(
            plan(
                "initiateAuthentication", new Fault.Corrupt(Fault.Corrupt.Kind.WRONG_SIGNATURE, 0)),
            false);
    InitiateAuthenticationResponse r =
        read(faulty.es9Endpoint().handle(asn1Initiate("gsma/rsp/v2.2.0")));
    assertThat(r.header().executed()).isTrue();
    // the signature no longer verifies over serverSigned1 with the certificate's key
    java.security.cert.X509Certificate cert =
        (java.security.cert.X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(r.serverCertificate()));
    byte[] sig = org.rspharness.core.tlv.Tlv.parse(r.serverSignature1()).value();
    assertThat(org.rspharness.core.crypto.Ecdsa.verify(cert.getPublicKey(), r.serverSigned1(), sig))
        .isFalse();
    InitiateAuthenticationResponse ok =
        read(clean.es9Endpoint().handle(asn1Initiate("gsma/rsp/v2.2.0")));
    byte[] okSig = org.rspharness.core.tlv.Tlv.parse(ok.serverSignature1()).value();
    assertThat(
            org.rspharness.core.crypto.Ecdsa.verify(cert.getPublicKey(), ok.serverSigned1(), okSig))
        .isTrue();
  }

  @Test
  void aMissingXAdminProtocolIsADeviationServedOrRefusedWhenStrict() {
    SmdpSimulator lenient = smdp(FaultPlan.none(), false);
    RspHttpResponse served = lenient.es9Endpoint().handle(asn1Initiate(null));
    assertThat(read(served).header().executed()).isTrue();
    assertThat(served.header("X-Admin-Protocol")).isNotBlank();
    assertThat(f.sink.payloads(EventPayload.Deviation.class))
        .anySatisfy(d -> assertThat(d.toString()).contains("X-Admin-Protocol"));

    SmdpSimulator strict = smdp(FaultPlan.none(), true);
    InitiateAuthenticationResponse refused = read(strict.es9Endpoint().handle(asn1Initiate(null)));
    assertThat(refused.header().executed()).isFalse();
    assertThat(strict.sessions().size()).isZero();
  }
}
