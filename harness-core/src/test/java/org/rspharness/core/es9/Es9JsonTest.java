package org.rspharness.core.es9;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.util.Hex;

/**
 * Golden JSON for every ES9+ message, written by hand from the SGP.22 section 6.5.2.6-6.5.2.10
 * member names; each test asserts the exact text written and the value read back.
 */
class Es9JsonTest {

  private static final RspJson STRICT = RspJson.strict();
  private static final TransactionId TID =
      TransactionId.fromHex("0123456789ABCDEF0123456789ABCDEF");
  private static final String SUCCESS =
      "{\"functionExecutionStatus\":{\"status\":\"Executed-Success\"}}";

  private static byte[] h(String hex) {
    return Hex.decode(hex);
  }

  @Test
  void initiateAuthenticationRequestHasExactlyTheSpecMembers() {
    var req =
        new InitiateAuthenticationRequest(
            h("000102030405060708090a0b0c0d0e0f"), h("bf2000"), SmdpAddress.of("smdp.example.com"));
    String json =
        "{\"euiccChallenge\":\"AAECAwQFBgcICQoLDA0ODw==\",\"euiccInfo1\":\"vyAA\","
            + "\"smdpAddress\":\"smdp.example.com\"}";
    assertThat(STRICT.writeString(req)).isEqualTo(json);
    var back = STRICT.read(json, InitiateAuthenticationRequest.class);
    assertThat(back).usingRecursiveComparison().isEqualTo(req);
  }

  @Test
  void initiateAuthenticationRequestToleratesAnEs2StyleHeaderSentBySomeClients() {
    String json =
        "{\"header\":{\"functionRequesterIdentifier\":\"x\",\"functionCallIdentifier\":\"y\"},"
            + "\"euiccChallenge\":\"AAECAwQFBgcICQoLDA0ODw==\",\"euiccInfo1\":\"vyAA\","
            + "\"smdpAddress\":\"smdp.example.com\"}";
    var req = STRICT.read(json, InitiateAuthenticationRequest.class);
    assertThat(req.euiccInfo1()).containsExactly(h("bf2000"));
  }

  @Test
  void initiateAuthenticationResponseSuccess() {
    var resp =
        new InitiateAuthenticationResponse(
            ResponseHeader.success(),
            TID,
            h("308201"),
            h("5f374011111111"),
            h("0414" + "aa".repeat(20)),
            h("a0b1c2"));
    String json =
        "{\"header\":"
            + SUCCESS
            + ",\"transactionId\":\"0123456789ABCDEF0123456789ABCDEF\","
            + "\"serverSigned1\":\"MIIB\",\"serverSignature1\":\"XzdAEREREQ==\","
            + "\"euiccCiPKIdToBeUsed\":\"BBSqqqqqqqqqqqqqqqqqqqqqqqqqqg==\","
            + "\"serverCertificate\":\"oLHC\"}";
    assertThat(STRICT.writeString(resp)).isEqualTo(json);
    assertThat(STRICT.read(json, InitiateAuthenticationResponse.class))
        .usingRecursiveComparison()
        .isEqualTo(resp);
  }

  @Test
  void failedResponseCarriesOnlyTheHeaderWithStatusCodeData() {
    var resp =
        InitiateAuthenticationResponse.failed(
            ResponseHeader.failed(StatusCodes.SMDP_ADDRESS_REFUSED));
    String json =
        "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Failed\",\"statusCodeData\":"
            + "{\"subjectCode\":\"8.8.1\",\"reasonCode\":\"3.8\","
            + "\"message\":\"invalid SM-DP+ address\"}}}}";
    assertThat(STRICT.writeString(resp)).isEqualTo(json);
    var back = STRICT.read(json, InitiateAuthenticationResponse.class);
    assertThat(back.transactionId()).isNull();
    assertThat(back.header().functionExecutionStatus().statusCodeData().describe())
        .isEqualTo("8.8.1/3.8 invalid SM-DP+ address");
  }

  @Test
  void successResponseWithoutOutputMembersIsRejectedNamingTheFirstMissing() {
    String json = "{\"header\":" + SUCCESS + "}";
    assertThatThrownBy(() -> STRICT.read(json, InitiateAuthenticationResponse.class))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("missing required member 'transactionId'")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("/transactionId");
  }

  @Test
  void authenticateClientRequestAndResponse() {
    var req = new AuthenticateClientRequest(TID, h("bf3800"));
    String reqJson =
        "{\"transactionId\":\"0123456789ABCDEF0123456789ABCDEF\","
            + "\"authenticateServerResponse\":\"vzgA\"}";
    assertThat(STRICT.writeString(req)).isEqualTo(reqJson);
    assertThat(STRICT.read(reqJson, AuthenticateClientRequest.class))
        .usingRecursiveComparison()
        .isEqualTo(req);

    var resp =
        new AuthenticateClientResponseEs9(
            ResponseHeader.success(),
            TID,
            h("bf2500"),
            h("300100"),
            h("5f374011111111"),
            h("a0b1c2"));
    String respJson =
        "{\"header\":"
            + SUCCESS
            + ",\"transactionId\":\"0123456789ABCDEF0123456789ABCDEF\","
            + "\"profileMetadata\":\"vyUA\",\"smdpSigned2\":\"MAEA\","
            + "\"smdpSignature2\":\"XzdAEREREQ==\",\"smdpCertificate\":\"oLHC\"}";
    assertThat(STRICT.writeString(resp)).isEqualTo(respJson);
    assertThat(STRICT.read(respJson, AuthenticateClientResponseEs9.class))
        .usingRecursiveComparison()
        .isEqualTo(resp);
  }

  @Test
  void getBoundProfilePackageRequestAndResponse() {
    var req = new GetBoundProfilePackageRequest(TID, h("bf2100"));
    String reqJson =
        "{\"transactionId\":\"0123456789ABCDEF0123456789ABCDEF\","
            + "\"prepareDownloadResponse\":\"vyEA\"}";
    assertThat(STRICT.writeString(req)).isEqualTo(reqJson);
    assertThat(STRICT.read(reqJson, GetBoundProfilePackageRequest.class))
        .usingRecursiveComparison()
        .isEqualTo(req);

    var resp = new GetBoundProfilePackageResponse(ResponseHeader.success(), TID, h("bf3600"));
    String respJson =
        "{\"header\":"
            + SUCCESS
            + ",\"transactionId\":\"0123456789ABCDEF0123456789ABCDEF\","
            + "\"boundProfilePackage\":\"vzYA\"}";
    assertThat(STRICT.writeString(resp)).isEqualTo(respJson);
    assertThat(STRICT.read(respJson, GetBoundProfilePackageResponse.class))
        .usingRecursiveComparison()
        .isEqualTo(resp);
  }

  @Test
  void handleNotificationRequest() {
    var req = new HandleNotification(h("bf3700"));
    String json = "{\"pendingNotification\":\"vzcA\"}";
    assertThat(STRICT.writeString(req)).isEqualTo(json);
    assertThat(STRICT.read(json, HandleNotification.class).pendingNotification())
        .containsExactly(0xBF, 0x37, 0x00);
  }

  @Test
  void cancelSessionRequestAndHeaderOnlyResponse() {
    var req = new CancelSessionRequestEs9(TransactionId.fromHex("0a0b"), h("bf4100"));
    String reqJson = "{\"transactionId\":\"0A0B\",\"cancelSessionResponse\":\"v0EA\"}";
    assertThat(STRICT.writeString(req)).isEqualTo(reqJson);
    assertThat(
            STRICT.read(
                "{\"transactionId\":\"0a0b\",\"cancelSessionResponse\":\"v0EA\"}",
                CancelSessionRequestEs9.class))
        .usingRecursiveComparison()
        .isEqualTo(req);

    var resp = new CancelSessionResponseEs9(ResponseHeader.success());
    String respJson = "{\"header\":" + SUCCESS + "}";
    assertThat(STRICT.writeString(resp)).isEqualTo(respJson);
    assertThat(STRICT.read(respJson, CancelSessionResponseEs9.class)).isEqualTo(resp);
  }

  @Test
  void strictRejectsTheTransactionIdSomeSmdpsEchoInCancelSessionButLenientIgnoresIt() {
    String json = "{\"header\":" + SUCCESS + ",\"transactionId\":\"0A0B\"}";
    assertThatThrownBy(() -> STRICT.read(json, CancelSessionResponseEs9.class))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("unknown member 'transactionId'")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("/transactionId");
    assertThat(RspJson.lenient().read(json, CancelSessionResponseEs9.class).header().executed())
        .isTrue();
  }

  @Test
  void lenientReadsBase64WithLineBreaksAndAddressWithSpaces() {
    String json =
        "{\"euiccChallenge\":\" AAECAwQFBgcI\\r\\nCQoLDA0ODw==\\n\",\"euiccInfo1\":\"vy\\nAA\","
            + "\"smdpAddress\":\" SMDP.Example.com \",\"extra\":1}";
    var req = RspJson.lenient().read(json, InitiateAuthenticationRequest.class);
    assertThat(req.euiccChallenge()).containsExactly(h("000102030405060708090a0b0c0d0e0f"));
    assertThat(req.smdpAddress()).isEqualTo(SmdpAddress.of("smdp.example.com"));
    assertThatThrownBy(() -> STRICT.read(json, InitiateAuthenticationRequest.class))
        .isInstanceOf(CodecException.class)
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("/euiccChallenge");
  }
}
