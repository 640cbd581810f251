package org.rspharness.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.HandleDownloadProgressInfoRequest;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.InitiateAuthenticationRequest;

/** Every kind of malformed input gives one CodecException that says what and where. */
class RspJsonErrorsTest {

  private static final RspJson STRICT = RspJson.strict();
  private static final RspJson LENIENT = RspJson.lenient();

  private static CodecException fail(RspJson codec, String json, Class<?> type) {
    CodecException e = catchThrowableOfType(CodecException.class, () -> codec.read(json, type));
    assertThat(e).as("expected a CodecException for %s", json).isNotNull();
    return e;
  }

  private static final String AUTH_CLIENT_OK =
      "{\"transactionId\":\"0A0B\",\"authenticateServerResponse\":\"vzgA\"}";

  @Test
  void unknownTopLevelMemberIsNamedWithItsPointer() {
    CodecException e =
        fail(
            STRICT,
            "{\"transactionId\":\"0A0B\",\"authenticateServerResponse\":\"vzgA\",\"foo\":1}",
            AuthenticateClientRequest.class);
    assertThat(e.getMessage()).contains("unknown member 'foo'");
    assertThat(e.location()).isEqualTo("/foo");
  }

  @Test
  void unknownNestedMemberIsNamedWithItsFullPointer() {
    String json =
        "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Failed\",\"statusCodeData\":"
            + "{\"subjectCode\":\"8.1\",\"reasonCode\":\"6.1\",\"reasonText\":\"x\"}}}}";
    CodecException e = fail(STRICT, json, GetBoundProfilePackageResponse.class);
    assertThat(e.getMessage()).contains("unknown member 'reasonText'");
    assertThat(e.location()).isEqualTo("/header/functionExecutionStatus/statusCodeData/reasonText");
    assertThat(LENIENT.read(json, GetBoundProfilePackageResponse.class).header().executed())
        .isFalse();
  }

  @Test
  void missingRequiredMemberIsNamed() {
    CodecException e =
        fail(STRICT, "{\"transactionId\":\"0A0B\"}", AuthenticateClientRequest.class);
    assertThat(e.getMessage()).contains("missing required member 'authenticateServerResponse'");
    assertThat(e.location()).isEqualTo("/authenticateServerResponse");
    // Leniency does not invent data: a missing member is missing in both modes.
    assertThat(
            fail(LENIENT, "{\"transactionId\":\"0A0B\"}", AuthenticateClientRequest.class)
                .location())
        .isEqualTo("/authenticateServerResponse");
  }

  @Test
  void missingNestedRequiredMemberIsNamedWithItsPointer() {
    CodecException e =
        fail(
            STRICT,
            "{\"header\":{\"functionExecutionStatus\":{}}}",
            GetBoundProfilePackageResponse.class);
    assertThat(e.getMessage()).contains("missing required member 'status'");
    assertThat(e.location()).isEqualTo("/header/functionExecutionStatus/status");
  }

  @Test
  void badBase64IsReportedAtTheMember() {
    CodecException e =
        fail(
            STRICT,
            "{\"transactionId\":\"0A0B\",\"authenticateServerResponse\":\"vz*A\"}",
            AuthenticateClientRequest.class);
    assertThat(e.getMessage()).contains("not valid base64").contains("'*' at index 2");
    assertThat(e.location()).isEqualTo("/authenticateServerResponse");
  }

  @Test
  void base64WithLineBreaksOrMissingPaddingIsStrictErrorButLenientValue() {
    String wrapped = "{\"transactionId\":\"0A0B\",\"authenticateServerResponse\":\"vz\\r\\ngA\"}";
    assertThat(fail(STRICT, wrapped, AuthenticateClientRequest.class).location())
        .isEqualTo("/authenticateServerResponse");
    assertThat(LENIENT.read(wrapped, AuthenticateClientRequest.class).authenticateServerResponse())
        .containsExactly(0xBF, 0x38, 0x00);
    String unpadded = "{\"transactionId\":\"0A0B\",\"authenticateServerResponse\":\"vzg\"}";
    assertThat(fail(STRICT, unpadded, AuthenticateClientRequest.class).getMessage())
        .contains("not a multiple of 4");
    assertThat(LENIENT.read(unpadded, AuthenticateClientRequest.class).authenticateServerResponse())
        .containsExactly(0xBF, 0x38);
  }

  @Test
  void malformedJsonGivesLineAndColumn() {
    CodecException e =
        fail(
            STRICT,
            "{\n  \"transactionId\": \"0A0B\",\n  \"authenticateServerResponse\" \"vzgA\"\n}",
            AuthenticateClientRequest.class);
    assertThat(e.getMessage()).startsWith("malformed JSON");
    assertThat(e.location()).isEqualTo("line 3, column 32");
  }

  @Test
  void truncatedJsonGivesLineAndColumn() {
    CodecException e =
        fail(LENIENT, "{\"transactionId\":\"0A0B\",\"authentic", AuthenticateClientRequest.class);
    assertThat(e.getMessage()).startsWith("malformed JSON");
    assertThat(e.location()).startsWith("line 1, column ");
  }

  @Test
  void emptyBodyIsReported() {
    CodecException e = fail(STRICT, "  \n", AuthenticateClientRequest.class);
    assertThat(e.getMessage()).isEqualTo("empty JSON body (at line 1, column 1)");
  }

  @Test
  void wrongTypesAreNamedAtTheMember() {
    CodecException number =
        fail(
            STRICT,
            "{\"transactionId\":5,\"authenticateServerResponse\":\"vzgA\"}",
            AuthenticateClientRequest.class);
    assertThat(number.getMessage()).contains("expected a string, got an integer");
    assertThat(number.location()).isEqualTo("/transactionId");

    String header = "{\"functionRequesterIdentifier\":\"op\",\"functionCallIdentifier\":\"1\"}";
    CodecException flag =
        fail(
            STRICT,
            "{\"header\":"
                + header
                + ",\"iccid\":\"89000123456789012341\","
                + "\"releaseFlag\":\"true\"}",
            ConfirmOrderRequest.class);
    assertThat(flag.getMessage()).contains("expected a boolean, got a string");
    assertThat(flag.location()).isEqualTo("/releaseFlag");

    CodecException object =
        fail(
            STRICT,
            "{\"header\":\"x\",\"iccid\":\"89000123456789012341\",\"releaseFlag\":true}",
            ConfirmOrderRequest.class);
    assertThat(object.getMessage()).contains("expected a JSON object");
    assertThat(object.location()).isEqualTo("/header");

    CodecException requester =
        fail(
            STRICT,
            "{\"header\":{\"functionRequesterIdentifier\":7,\"functionCallIdentifier\":\"1\"},"
                + "\"iccid\":\"89000123456789012341\",\"releaseFlag\":true}",
            ConfirmOrderRequest.class);
    assertThat(requester.location()).isEqualTo("/header/functionRequesterIdentifier");
  }

  @Test
  void topLevelArrayIsAWrongTypeAtTheRoot() {
    CodecException e = fail(STRICT, "[1,2]", AuthenticateClientRequest.class);
    assertThat(e.getMessage()).contains("expected a JSON object");
    assertThat(e.location()).isEmpty();
  }

  @Test
  void invalidValueOfATypedMemberIsNamed() {
    CodecException status =
        fail(
            STRICT,
            "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Success\"}}}",
            GetBoundProfilePackageResponse.class);
    assertThat(status.getMessage()).contains("'Success' is not one of [Executed-Success");
    assertThat(status.location()).isEqualTo("/header/functionExecutionStatus/status");

    CodecException tid =
        fail(
            STRICT,
            "{\"transactionId\":\"0A0\",\"authenticateServerResponse\":\"vzgA\"}",
            AuthenticateClientRequest.class);
    assertThat(tid.getMessage()).contains("transactionId");
    assertThat(tid.location()).isEqualTo("/transactionId");

    CodecException address =
        fail(
            STRICT,
            "{\"euiccChallenge\":\"AAAA\",\"euiccInfo1\":\"vyAA\","
                + "\"smdpAddress\":\"https://smdp.example.com\"}",
            InitiateAuthenticationRequest.class);
    assertThat(address.getMessage()).contains("SM-DP+ address").contains("scheme");
    assertThat(address.location()).isEqualTo("/smdpAddress");
  }

  @Test
  void explicitNullIsRejectedStrictlyAndReadAsAbsentLeniently() {
    String json =
        "{\"header\":{\"functionRequesterIdentifier\":\"op\",\"functionCallIdentifier\":\"1\"},"
            + "\"iccid\":\"89000123456789012341\",\"eid\":null,\"releaseFlag\":true}";
    CodecException e = fail(STRICT, json, ConfirmOrderRequest.class);
    assertThat(e.getMessage()).contains("member is null");
    assertThat(e.location()).isEqualTo("/eid");
    assertThat(LENIENT.read(json, ConfirmOrderRequest.class).eid()).isNull();
  }

  @Test
  void duplicateMemberAndTrailingDataAreStrictErrors() {
    CodecException dup =
        fail(
            STRICT,
            "{\"transactionId\":\"0A0B\",\"transactionId\":\"0A0C\","
                + "\"authenticateServerResponse\":\"vzgA\"}",
            AuthenticateClientRequest.class);
    assertThat(dup.getMessage()).contains("transactionId");
    assertThat(dup.location()).startsWith("line 1, column ");
    CodecException trailing = fail(STRICT, AUTH_CLIENT_OK + " {}", AuthenticateClientRequest.class);
    assertThat(trailing.getMessage()).containsIgnoringCase("trailing");
  }

  @Test
  void integerOutOfRangeAndNonIntegerNotificationPointIdAreRejected() {
    String prefix =
        "{\"header\":{\"functionRequesterIdentifier\":\"dp\",\"functionCallIdentifier\":\"1\"},"
            + "\"iccid\":\"89000123456789012341\",\"profileType\":\"T\","
            + "\"timestamp\":\"2026-01-02T03:04:05Z\",\"notificationPointStatus\":"
            + "{\"status\":\"Executed-Success\"},\"notificationPointId\":";
    assertThat(fail(STRICT, prefix + "1.5}", HandleDownloadProgressInfoRequest.class).location())
        .isEqualTo("/notificationPointId");
    assertThat(
            fail(STRICT, prefix + "99999999999}", HandleDownloadProgressInfoRequest.class)
                .location())
        .isEqualTo("/notificationPointId");
    assertThat(fail(STRICT, prefix + "\"1\"}", HandleDownloadProgressInfoRequest.class).location())
        .isEqualTo("/notificationPointId");
  }

  @Test
  void badTimestampIsNamed() {
    String json =
        "{\"header\":{\"functionRequesterIdentifier\":\"dp\",\"functionCallIdentifier\":\"1\"},"
            + "\"iccid\":\"89000123456789012341\",\"profileType\":\"T\","
            + "\"timestamp\":\"2026-01-02 03:04\",\"notificationPointId\":1,"
            + "\"notificationPointStatus\":{\"status\":\"Executed-Success\"}}";
    CodecException e = fail(STRICT, json, HandleDownloadProgressInfoRequest.class);
    assertThat(e.getMessage()).contains("timestamp");
    assertThat(e.location()).isEqualTo("/timestamp");
  }

  @Test
  void jsonNullDocumentIsRejected() {
    assertThat(fail(LENIENT, "null", AuthenticateClientRequest.class).getMessage())
        .contains("JSON body is null");
  }

  @Test
  void nullInputIsACodecErrorNotAnNpe() {
    CodecException e =
        catchThrowableOfType(
            CodecException.class,
            () -> STRICT.read((byte[]) null, AuthenticateClientRequest.class));
    assertThat(e).isNotNull();
  }
}
