package org.rspharness.core.es2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.FunctionExecutionStatus;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCodes;

/** Golden JSON for every ES2+ message, from the SGP.22 section 6.5.2.1-6.5.2.5 member names. */
class Es2JsonTest {

  private static final RspJson STRICT = RspJson.strict();
  private static final RequestHeader HEADER = new RequestHeader("MNO1", "call-42");
  private static final String HEADER_JSON =
      "\"header\":{\"functionRequesterIdentifier\":\"MNO1\",\"functionCallIdentifier\":\"call-42\"}";
  private static final String SUCCESS =
      "\"header\":{\"functionExecutionStatus\":{\"status\":\"Executed-Success\"}}";
  private static final Eid EID = Eid.of("89049032123451234512345678901235");
  private static final Iccid ICCID = Iccid.of("89000123456789012341");

  private static <T> void roundTrip(T message, String json, Class<T> type) {
    assertThat(STRICT.writeString(message)).isEqualTo(json);
    assertThat(STRICT.read(json, type)).usingRecursiveComparison().isEqualTo(message);
  }

  @Test
  void downloadOrderWithAllOptionalMembersAndWithNone() {
    roundTrip(
        new DownloadOrderRequest(HEADER, EID, ICCID, "TS48v2"),
        "{"
            + HEADER_JSON
            + ",\"eid\":\"89049032123451234512345678901235\","
            + "\"iccid\":\"89000123456789012341\",\"profileType\":\"TS48v2\"}",
        DownloadOrderRequest.class);
    roundTrip(
        new DownloadOrderRequest(HEADER, null, null, null),
        "{" + HEADER_JSON + "}",
        DownloadOrderRequest.class);
    roundTrip(
        new DownloadOrderResponse(ResponseHeader.success(), ICCID),
        "{" + SUCCESS + ",\"iccid\":\"89000123456789012341\"}",
        DownloadOrderResponse.class);
  }

  @Test
  void downloadOrderResponseFailureNeedsNoIccid() {
    var failed =
        new DownloadOrderResponse(ResponseHeader.failed(StatusCodes.PROFILE_TYPE_UNKNOWN), null);
    roundTrip(
        failed,
        "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Failed\",\"statusCodeData\":{\"subjectCode\":\"8.2.5\",\"reasonCode\":\"3.9\",\"message\":\"profile"
            + " type unknown\"}}}}",
        DownloadOrderResponse.class);
  }

  @Test
  void confirmOrderRequestAndResponse() {
    roundTrip(
        new ConfirmOrderRequest(
            HEADER, ICCID, EID, MatchingId.of("ABC-123"), "1234", "smds.example.com", true),
        "{"
            + HEADER_JSON
            + ",\"iccid\":\"89000123456789012341\","
            + "\"eid\":\"89049032123451234512345678901235\",\"matchingId\":\"ABC-123\","
            + "\"confirmationCode\":\"1234\",\"smdsAddress\":\"smds.example.com\","
            + "\"releaseFlag\":true}",
        ConfirmOrderRequest.class);
    roundTrip(
        new ConfirmOrderResponse(
            ResponseHeader.success(),
            null,
            MatchingId.of("ABC-123"),
            SmdpAddress.of("SMDP.example.com")),
        "{" + SUCCESS + ",\"matchingId\":\"ABC-123\",\"smdpAddress\":\"SMDP.example.com\"}",
        ConfirmOrderResponse.class);
  }

  @Test
  void confirmOrderResponseMayCarryTheEmptyMatchingId() {
    roundTrip(
        new ConfirmOrderResponse(ResponseHeader.success(), EID, MatchingId.EMPTY, null),
        "{" + SUCCESS + ",\"eid\":\"89049032123451234512345678901235\",\"matchingId\":\"\"}",
        ConfirmOrderResponse.class);
  }

  @Test
  void confirmOrderWithoutReleaseFlagIsRejected() {
    assertThatThrownBy(
            () ->
                STRICT.read(
                    "{" + HEADER_JSON + ",\"iccid\":\"89000123456789012341\"}",
                    ConfirmOrderRequest.class))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'releaseFlag'")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("/releaseFlag");
  }

  @Test
  void cancelOrderRequestAndResponse() {
    roundTrip(
        new CancelOrderRequest(
            HEADER, ICCID, null, MatchingId.of("ABC-123"), FinalProfileStatusIndicator.UNAVAILABLE),
        "{"
            + HEADER_JSON
            + ",\"iccid\":\"89000123456789012341\",\"matchingId\":\"ABC-123\","
            + "\"finalProfileStatusIndicator\":\"Unavailable\"}",
        CancelOrderRequest.class);
    roundTrip(
        new CancelOrderResponse(ResponseHeader.success()),
        "{" + SUCCESS + "}",
        CancelOrderResponse.class);
    assertThatThrownBy(
            () ->
                STRICT.read(
                    "{"
                        + HEADER_JSON
                        + ",\"iccid\":\"89000123456789012341\","
                        + "\"finalProfileStatusIndicator\":\"available\"}",
                    CancelOrderRequest.class))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'available' is not one of [Available, Unavailable]");
  }

  @Test
  void releaseProfileRequestAndResponse() {
    roundTrip(
        new ReleaseProfileRequest(HEADER, ICCID),
        "{" + HEADER_JSON + ",\"iccid\":\"89000123456789012341\"}",
        ReleaseProfileRequest.class);
    roundTrip(
        new ReleaseProfileResponse(ResponseHeader.success()),
        "{" + SUCCESS + "}",
        ReleaseProfileResponse.class);
  }

  @Test
  void handleDownloadProgressInfoWithFailedNotificationPoint() {
    var req =
        new HandleDownloadProgressInfoRequest(
            HEADER,
            EID,
            ICCID,
            "TS48v2",
            OffsetDateTime.of(2026, 11, 25, 17, 4, 19, 0, ZoneOffset.UTC),
            4,
            new FunctionExecutionStatus(
                ExecutionStatus.FAILED,
                StatusCodeData.of(StatusCodes.EUICC_INSUFFICIENT_MEMORY, ICCID.value(), null)),
            new byte[] {(byte) 0xBF, 0x27, 0x00});
    roundTrip(
        req,
        "{"
            + HEADER_JSON
            + ",\"eid\":\"89049032123451234512345678901235\","
            + "\"iccid\":\"89000123456789012341\",\"profileType\":\"TS48v2\","
            + "\"timestamp\":\"2026-11-25T17:04:19Z\",\"notificationPointId\":4,"
            + "\"notificationPointStatus\":{\"status\":\"Failed\",\"statusCodeData\":"
            + "{\"subjectCode\":\"8.1\",\"reasonCode\":\"4.8\","
            + "\"subjectIdentifier\":\"89000123456789012341\"}},\"resultData\":\"vycA\"}",
        HandleDownloadProgressInfoRequest.class);
    roundTrip(
        new HandleDownloadProgressInfoResponse(ResponseHeader.success()),
        "{" + SUCCESS + "}",
        HandleDownloadProgressInfoResponse.class);
  }

  @Test
  void timestampWithOffsetAndFractionRoundTripsExactly() {
    String json =
        "{"
            + HEADER_JSON
            + ",\"iccid\":\"89000123456789012341\",\"profileType\":\"T\","
            + "\"timestamp\":\"1970-01-01T01:00:00.511+01:00\",\"notificationPointId\":1,"
            + "\"notificationPointStatus\":{\"status\":\"Executed-Success\"}}";
    var req = STRICT.read(json, HandleDownloadProgressInfoRequest.class);
    assertThat(req.timestamp().toInstant().toEpochMilli()).isEqualTo(511);
    assertThat(STRICT.writeString(req)).isEqualTo(json);
  }

  @Test
  void iccidPaddedWithFIsAcceptedAndWrittenAsDigits() {
    var req =
        STRICT.read(
            "{" + HEADER_JSON + ",\"iccid\":\"8949449999999000039F\"}",
            ReleaseProfileRequest.class);
    assertThat(req.iccid().value()).isEqualTo("8949449999999000039");
    assertThat(STRICT.writeString(req)).contains("\"iccid\":\"8949449999999000039\"");
  }

  @Test
  void strictChecksTheIccidLuhnDigitLenientDoesNot() {
    String json = "{" + HEADER_JSON + ",\"iccid\":\"89000123456789012342\"}";
    assertThatThrownBy(() -> STRICT.read(json, ReleaseProfileRequest.class))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("ICCID: check digit")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("/iccid");
    assertThat(RspJson.lenient().read(json, ReleaseProfileRequest.class).iccid().value())
        .isEqualTo("89000123456789012342");
  }

  @Test
  void missingRequestHeaderIsNamed() {
    assertThatThrownBy(
            () -> STRICT.read("{\"iccid\":\"89000123456789012341\"}", ReleaseProfileRequest.class))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'header'")
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("/header");
    assertThatThrownBy(
            () ->
                STRICT.read(
                    "{\"header\":{\"functionRequesterIdentifier\":\"MNO1\"},"
                        + "\"iccid\":\"89000123456789012341\"}",
                    ReleaseProfileRequest.class))
        .isInstanceOf(CodecException.class)
        .extracting(e -> ((CodecException) e).location())
        .isEqualTo("/header/functionCallIdentifier");
  }
}
