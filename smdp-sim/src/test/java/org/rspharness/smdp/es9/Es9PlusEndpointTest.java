package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;

class Es9PlusEndpointTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final String P = "/gsma/rsp2/es9plus/";

  private static SmdpFixture start(Quirks q) {
    SmdpFixture f =
        new SmdpFixture().start(q, SmdpFixture.released("894900000000000501", "EP-1").build());
    f.euicc.matchingId = "EP-1";
    return f;
  }

  private static byte[] initiateBody(SmdpFixture f) {
    return SmdpFixture.json(
        new InitiateAuthenticationRequest(
            f.euicc.challenge(), f.euicc.euiccInfo1(), SmdpAddress.of(SmdpFixture.HOST)));
  }

  static void assertFailedBody(RspHttpResponse r, StatusCode code) throws Exception {
    assertThat(r.status()).isEqualTo(200);
    JsonNode fes = M.readTree(r.body()).get("header").get("functionExecutionStatus");
    assertThat(fes.get("status").asText()).isEqualTo("Failed");
    assertThat(
            fes.get("statusCodeData").get("subjectCode").asText()
                + "/"
                + fes.get("statusCodeData").get("reasonCode").asText())
        .isEqualTo(code.key());
  }

  private static List<String> members(byte[] json) throws Exception {
    List<String> out = new ArrayList<>();
    M.readTree(json).fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void runsAWholeDownloadOverJsonWithExactlyTheSpecMembers() throws Exception {
    SmdpFixture f = start(Quirks.none());
    RspHttpResponse r1 =
        f.smdp
            .es9Endpoint()
            .handle(SmdpFixture.post(P + "initiateAuthentication", initiateBody(f)));
    assertThat(r1.status()).isEqualTo(200);
    assertThat(r1.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
    assertThat(r1.header("X-Admin-Protocol")).isEqualTo("gsma/rsp/v2.2.0");
    assertThat(members(r1.body()))
        .containsExactly(
            "header",
            "transactionId",
            "serverSigned1",
            "serverSignature1",
            "euiccCiPKIdToBeUsed",
            "serverCertificate");
    InitiateAuthenticationResponse ia =
        RspJson.strict().read(r1.body(), InitiateAuthenticationResponse.class);

    byte[] asr = f.euicc.authenticateServer(ia);
    RspHttpResponse r2 =
        f.smdp
            .es9Endpoint()
            .handle(
                SmdpFixture.post(
                    P + "authenticateClient",
                    SmdpFixture.json(new AuthenticateClientRequest(ia.transactionId(), asr))));
    assertThat(members(r2.body()))
        .containsExactly(
            "header",
            "transactionId",
            "profileMetadata",
            "smdpSigned2",
            "smdpSignature2",
            "smdpCertificate");
    AuthenticateClientResponseEs9 ac =
        RspJson.strict().read(r2.body(), AuthenticateClientResponseEs9.class);

    byte[] pdr = f.euicc.prepareDownload(ac, asr, null);
    RspHttpResponse r3 =
        f.smdp
            .es9Endpoint()
            .handle(
                SmdpFixture.post(
                    P + "getBoundProfilePackage",
                    SmdpFixture.json(new GetBoundProfilePackageRequest(ac.transactionId(), pdr))));
    assertThat(members(r3.body()))
        .containsExactly("header", "transactionId", "boundProfilePackage");
    GetBoundProfilePackageResponse bpp =
        RspJson.strict().read(r3.body(), GetBoundProfilePackageResponse.class);
    assertThat(bpp.header().executed()).isTrue();

    String oid =
        CertFacts.registeredIds(SmdpFixture.PKI.credential(Role.DP_PB, f.curve).certificate())
            .get(0);
    Iccid iccid = Iccid.withCheckDigit("894900000000000501");
    byte[] pir =
        f.euicc.profileInstallationResult(
            ac.transactionId().bytes(), iccid, oid, true, SmdpFixture.HOST);
    RspHttpResponse r4 =
        f.smdp
            .es9Endpoint()
            .handle(
                SmdpFixture.post(
                    P + "handleNotification", SmdpFixture.json(new HandleNotification(pir))));
    assertThat(r4.status()).isEqualTo(204);
    assertThat(f.smdp.orders().find(iccid).get().state()).isEqualTo(ProfileState.INSTALLED);
  }

  @Test
  void byDefaultAWrongContentTypeAndAnUnknownProtocolAreServedAsDeviations() throws Exception {
    SmdpFixture f = start(Quirks.none());
    RspHttpResponse r =
        f.smdp
            .es9Endpoint()
            .handle(
                request(
                    P + "initiateAuthentication",
                    "text/plain",
                    "gsma/rsp/v3.0.0",
                    initiateBody(f)));
    assertThat(
            M.readTree(r.body())
                .get("header")
                .get("functionExecutionStatus")
                .get("status")
                .asText())
        .isEqualTo("Executed-Success");
    assertThat(f.sink.payloads(org.rspharness.core.event.EventPayload.Deviation.class))
        .extracting(d -> d.rule() + "=" + d.observed())
        .containsExactly(
            "request Content-Type=text/plain", "request X-Admin-Protocol=gsma/rsp/v3.0.0");
  }

  @Test
  void strictChecksContentTypeAndProtocolVersion() throws Exception {
    SmdpFixture f = new SmdpFixture();
    f.strict = true;
    f.start(Quirks.none(), SmdpFixture.released("894900000000000501", "EP-1").build());
    f.euicc.matchingId = "EP-1";
    String withExtra =
        new String(initiateBody(f), StandardCharsets.UTF_8).replace("{", "{\"extra\":1,");
    assertFailedBody(
        f.smdp.es9Endpoint().handle(SmdpFixture.post(P + "initiateAuthentication", withExtra)),
        SmdpCodes.MALFORMED_REQUEST);
    byte[] body = initiateBody(f);
    assertFailedBody(
        f.smdp
            .es9Endpoint()
            .handle(request(P + "initiateAuthentication", "text/plain", "gsma/rsp/v2.2.0", body)),
        StatusCodes.HEADER_CONTENT_TYPE_INVALID);
    assertFailedBody(
        f.smdp
            .es9Endpoint()
            .handle(
                request(P + "initiateAuthentication", "application/json", "gsma/rsp/v3.0.0", body)),
        StatusCodes.HEADER_PROTOCOL_VERSION_UNSUPPORTED);
    assertFailedBody(
        f.smdp
            .es9Endpoint()
            .handle(request(P + "initiateAuthentication", "application/json", null, body)),
        StatusCodes.HEADER_PROTOCOL_VERSION_UNSUPPORTED);
    RspHttpResponse ok =
        f.smdp
            .es9Endpoint()
            .handle(
                request(
                    P + "initiateAuthentication",
                    "application/json;charset=UTF-8",
                    "gsma/rsp/v2.5.0",
                    body));
    assertThat(
            M.readTree(ok.body())
                .get("header")
                .get("functionExecutionStatus")
                .get("status")
                .asText())
        .isEqualTo("Executed-Success");
    assertThat(ok.header("X-Admin-Protocol")).isEqualTo("gsma/rsp/v2.5.0");
  }

  @Test
  void malformedBodiesGetAFailedHeaderNeverA500() throws Exception {
    SmdpFixture f = start(Quirks.none());
    String fn = P + "initiateAuthentication";
    assertFailedBody(
        f.smdp.es9Endpoint().handle(SmdpFixture.post(fn, "{not json")),
        SmdpCodes.MALFORMED_REQUEST);
    assertFailedBody(
        f.smdp
            .es9Endpoint()
            .handle(SmdpFixture.post(fn, "{\"euiccChallenge\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}")),
        SmdpCodes.MISSING_MEMBER);
    assertFailedBody(
        f.smdp
            .es9Endpoint()
            .handle(
                SmdpFixture.post(
                    fn,
                    "{\"euiccChallenge\":\"@@@\",\"euiccInfo1\":\"AA==\",\"smdpAddress\":\"a.b\"}")),
        SmdpCodes.MALFORMED_REQUEST);
    String withExtra =
        new String(initiateBody(f), StandardCharsets.UTF_8).replace("{", "{\"extra\":1,");
    // a member SGP.22 does not define: served (field SM-DP+s ignore it), recorded as a deviation
    RspHttpResponse extra = f.smdp.es9Endpoint().handle(SmdpFixture.post(fn, withExtra));
    assertThat(
            M.readTree(extra.body())
                .get("header")
                .get("functionExecutionStatus")
                .get("status")
                .asText())
        .isEqualTo("Executed-Success");
    assertThat(f.sink.payloads(org.rspharness.core.event.EventPayload.Deviation.class))
        .singleElement()
        .satisfies(d -> assertThat(d.observed()).contains("unknown member 'extra'"));
    assertFailedBody(
        f.smdp
            .es9Endpoint()
            .handle(
                SmdpFixture.post(
                    P + "getBoundProfilePackage",
                    "{\"transactionId\":\"0102\",\"prepareDownloadResponse\":\"vyEA\"}")),
        StatusCodes.TRANSACTION_ID_UNKNOWN);
  }

  @Test
  void unknownPathsAndMethodsAreHttpErrors() {
    SmdpFixture f = start(Quirks.none());
    assertThat(f.smdp.es9Endpoint().handle(SmdpFixture.post(P + "nothing", "{}")).status())
        .isEqualTo(404);
    RspHttpRequest get =
        new RspHttpRequest(
            "GET", P + "initiateAuthentication", Map.of(), new byte[0], "x", List.of());
    assertThat(f.smdp.es9Endpoint().handle(get).status()).isEqualTo(405);
  }

  @Test
  void html500QuirkHitsOnlyTheChosenFunction() {
    SmdpFixture f = start(Quirks.none().withHttp500("authenticateClient"));
    RspHttpResponse r =
        f.smdp.es9Endpoint().handle(SmdpFixture.post(P + "authenticateClient", "{}"));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("<html>");
    assertThat(
            f.smdp
                .es9Endpoint()
                .handle(SmdpFixture.post(P + "initiateAuthentication", initiateBody(f)))
                .status())
        .isEqualTo(200);
  }

  @Test
  void nonStandardCodeQuirkReplacesEveryFailure() throws Exception {
    SmdpFixture f = start(Quirks.of(Quirk.NON_STANDARD_STATUS_CODES));
    RspHttpResponse r =
        f.smdp.es9Endpoint().handle(SmdpFixture.post(P + "initiateAuthentication", "{}"));
    JsonNode d =
        M.readTree(r.body()).get("header").get("functionExecutionStatus").get("statusCodeData");
    assertThat(d.get("subjectCode").asText() + "/" + d.get("reasonCode").asText())
        .isEqualTo("1.6/2.1");
  }

  @Test
  void base64LineBreakQuirkWrapsBinaryMembers() {
    SmdpFixture f = start(Quirks.of(Quirk.BASE64_LINE_BREAKS));
    RspHttpResponse r =
        f.smdp
            .es9Endpoint()
            .handle(SmdpFixture.post(P + "initiateAuthentication", initiateBody(f)));
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(text).contains("\\r\\n");
    InitiateAuthenticationResponse lenient =
        RspJson.lenient().read(r.body(), InitiateAuthenticationResponse.class);
    assertThat(lenient.header().executed()).isTrue();
    f.euicc.authenticateServer(lenient);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RspJson.strict().read(r.body(), InitiateAuthenticationResponse.class))
        .isInstanceOf(org.rspharness.core.codec.CodecException.class);
  }

  @Test
  void notificationAddressWhitespaceQuirkPadsTheMetadataAddresses() {
    var order =
        SmdpFixture.released("894900000000000502", "EP-2")
            .metadata(
                new org.rspharness.smdp.order.OrderMetadata(
                    "SP",
                    "P",
                    "operational",
                    null,
                    null,
                    List.of(
                        new org.rspharness.smdp.order.NotificationTarget(
                            java.util.Set.of(NotificationOperation.INSTALL),
                            "notify.example.com"))))
            .build();
    SmdpFixture f =
        new SmdpFixture().start(Quirks.of(Quirk.NOTIFICATION_ADDRESS_WHITESPACE), order);
    f.euicc.matchingId = "EP-2";
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    assertThat(new String(ac.profileMetadata(), StandardCharsets.UTF_8))
        .contains(" notify.example.com ");
  }

  private static RspHttpRequest request(
      String path, String contentType, String protocol, byte[] body) {
    Map<String, String> h = new java.util.HashMap<>();
    if (contentType != null) {
      h.put("content-type", contentType);
    }
    if (protocol != null) {
      h.put("x-admin-protocol", protocol);
    }
    return new RspHttpRequest("POST", path, h, body, "x", List.of());
  }
}
