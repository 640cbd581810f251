package org.rspharness.smds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es11.AuthenticateClientResponseEs11;
import org.rspharness.core.es11.EventEntry;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.Es9Asn1Binding;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.SmdpFixture;

/**
 * SGP.22 v3 ES11 in the ASN.1 binding at the SM-DS: InitiateAuthentication as BF39, the SM-DS's
 * address in smdpAddress; AuthenticateClient as BF3B answered by authenticateClientResponseEs11
 * (BF40) with the eventEntries; errors as the functions' INTEGERs standing for 8.9.x codes.
 */
class Es11Asn1BindingTest {

  private static final String ROOT = "testrootsmds.example.com";

  private final SmdpFixture f = new SmdpFixture();
  private final SmdsSimulator smds =
      SmdsSimulator.builder(SmdpFixture.PKI, ROOT)
          .clock(f.clock)
          .random(RandomSource.seeded(5))
          .events(f.events)
          .build();

  private RspHttpResponse post(Object request, String adminProtocol) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", Es9Asn1Binding.CONTENT_TYPE);
    if (adminProtocol != null) {
      h.put("x-admin-protocol", adminProtocol);
    }
    return smds.es11Endpoint()
        .handle(
            new RspHttpRequest(
                "POST",
                Es9Asn1Binding.PATH,
                h,
                Es9Asn1Binding.encodeRequest(request),
                "127.0.0.1:1",
                List.of()));
  }

  private InitiateAuthenticationResponse initiate(String address) {
    RspHttpResponse r =
        post(
            new InitiateAuthenticationRequest(
                f.euicc.challenge(), f.euicc.euiccInfo1(), SmdpAddress.of(address)),
            "gsma/rsp/v2.2.0");
    assertThat(r.status()).isEqualTo(200);
    return Es9Asn1Binding.decodeResponse(
        r.body(),
        Es9Asn1Binding.INITIATE_AUTHENTICATION_ES11,
        InitiateAuthenticationResponse.class);
  }

  private static String code(StatusCodeData d) {
    return d.subjectCode() + "/" + d.reasonCode();
  }

  @Test
  void es11OverAsn1AnswersTheEventEntriesInBf40() {
    smds.es12()
        .registerEvent(
            new RegisterEventRequest(
                new RequestHeader("smdp", "1"),
                SmdpFixture.PKI.eid(),
                "smdp.example.com",
                "EV-1",
                false));
    InitiateAuthenticationResponse ia = initiate(ROOT);
    assertThat(ia.header().executed()).isTrue();
    RspHttpResponse r =
        post(
            new AuthenticateClientRequest(ia.transactionId(), f.euicc.authenticateServer(ia)),
            "gsma/rsp/v2.2.0");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo(Es9Asn1Binding.CONTENT_TYPE);
    // A2 { BF40 { A0 authenticateClientOk { 80 transactionId, A1 eventEntries } } }
    Tlv bf40 = Tlv.parse(r.body()).child(0);
    assertThat(bf40.tag()).isEqualTo(0xBF40);
    assertThat(bf40.child(0).tag()).isEqualTo(0xA0);
    AuthenticateClientResponseEs11 ac =
        Es9Asn1Binding.decodeResponse(
            r.body(),
            Es9Asn1Binding.AUTHENTICATE_CLIENT_ES11,
            AuthenticateClientResponseEs11.class);
    assertThat(ac.header().executed()).isTrue();
    assertThat(ac.transactionId()).isEqualTo(ia.transactionId());
    assertThat(ac.eventEntries()).containsExactly(new EventEntry("EV-1", "smdp.example.com"));
  }

  @Test
  void es11ErrorsAreTheFunctionsIntegersStandingForTheSmdsCodes() {
    // invalidDpAddress(1): here the SM-DS's address, 8.9.1/3.8
    InitiateAuthenticationResponse wrong = initiate("other.example.com");
    assertThat(code(wrong.header().functionExecutionStatus().statusCodeData()))
        .isEqualTo("8.9.1/3.8");
    // invalidTransactionId(7): a real eUICC answer under a transactionId the SM-DS never gave
    InitiateAuthenticationResponse ia = initiate(ROOT);
    RspHttpResponse r =
        post(
            new AuthenticateClientRequest(
                org.rspharness.core.ids.TransactionId.fromHex("00112233445566778899AABBCCDDEEFF"),
                f.euicc.authenticateServer(ia)),
            "gsma/rsp/v2.2.0");
    Tlv error = Tlv.parse(r.body()).child(0).child(0);
    assertThat(error.tag()).isEqualTo(0x81);
    assertThat(error.value()).containsExactly(7);
    AuthenticateClientResponseEs11 ac =
        Es9Asn1Binding.decodeResponse(
            r.body(),
            Es9Asn1Binding.AUTHENTICATE_CLIENT_ES11,
            AuthenticateClientResponseEs11.class);
    assertThat(code(ac.header().functionExecutionStatus().statusCodeData()))
        .isEqualTo("8.10.1/3.9");
  }

  @Test
  void anEs9FunctionOverAsn1IsNotTheSmdssAndAnEs12PortHasNoAsn1() {
    RspHttpResponse r =
        post(
            new org.rspharness.core.es9.CancelSessionRequestEs9(
                org.rspharness.core.ids.TransactionId.fromHex("00112233445566778899AABBCCDDEEFF"),
                new byte[] {(byte) 0xBF, 0x41, 0x03, (byte) 0x81, 0x01, 0x7F}),
            "gsma/rsp/v2.2.0");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEmpty();
    assertThat(f.sink.payloads(org.rspharness.core.event.EventPayload.Note.class))
        .anySatisfy(n -> assertThat(n.text()).isEqualTo("ASN.1 cancelSession is not served here"));
    RspHttpResponse es12 =
        smds.es12Endpoint()
            .handle(
                new RspHttpRequest(
                    "POST",
                    Es9Asn1Binding.PATH,
                    Map.of("content-type", Es9Asn1Binding.CONTENT_TYPE),
                    new byte[0],
                    "127.0.0.1:1",
                    List.of()));
    assertThat(es12.status()).isEqualTo(404);
  }
}
