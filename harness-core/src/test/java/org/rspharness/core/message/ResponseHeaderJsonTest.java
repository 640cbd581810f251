package org.rspharness.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.status.StatusCodes;

/** SGP.22 section 6.5.1.4: the four execution statuses and when output members are required. */
class ResponseHeaderJsonTest {

  private static final RspJson STRICT = RspJson.strict();

  @Test
  void everyExecutionStatusHasItsSpecSpellingOnTheWire() {
    for (ExecutionStatus s : ExecutionStatus.values()) {
      var header = new ResponseHeader(new FunctionExecutionStatus(s, null));
      String json = "{\"functionExecutionStatus\":{\"status\":\"" + s.wire() + "\"}}";
      assertThat(STRICT.writeString(header)).isEqualTo(json);
      assertThat(STRICT.read(json, ResponseHeader.class)).isEqualTo(header);
    }
    assertThat(ExecutionStatus.EXECUTED_WITH_WARNING.wire()).isEqualTo("Executed-WithWarning");
    assertThat(ExecutionStatus.EXPIRED.wire()).isEqualTo("Expired");
  }

  @Test
  void executedWithWarningStillRequiresTheOutputMembers() {
    var warning =
        new ResponseHeader(
            new FunctionExecutionStatus(
                ExecutionStatus.EXECUTED_WITH_WARNING,
                StatusCodeData.of(StatusCodes.NO_ELIGIBLE_PROFILE)));
    assertThatThrownBy(() -> GetBoundProfilePackageResponse.failed(warning))
        .isInstanceOf(MissingMemberException.class)
        .hasMessage("missing required member 'transactionId'");
    var ok =
        new GetBoundProfilePackageResponse(warning, TransactionId.fromHex("01"), new byte[] {1});
    assertThat(ok.header().executed()).isTrue();
  }

  @Test
  void expiredCarriesNoOutputMembers() {
    String json = "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Expired\"}}}";
    var resp = STRICT.read(json, GetBoundProfilePackageResponse.class);
    assertThat(resp.header().executed()).isFalse();
    assertThat(resp.boundProfilePackage()).isNull();
    assertThat(STRICT.writeString(resp)).isEqualTo(json);
  }

  @Test
  void statusCodeDataKeepsSubjectIdentifierAndMessageAndNamesTheCatalogueEntry() {
    var data =
        StatusCodeData.of(StatusCodes.PROFILE_ICCID_UNKNOWN, "89000123456789012341", "no such");
    String json =
        "{\"subjectCode\":\"8.2.1\",\"reasonCode\":\"3.9\","
            + "\"subjectIdentifier\":\"89000123456789012341\",\"message\":\"no such\"}";
    assertThat(STRICT.writeString(data)).isEqualTo(json);
    StatusCodeData back = STRICT.read(json, StatusCodeData.class);
    assertThat(back).isEqualTo(data);
    assertThat(back.statusCode()).contains(StatusCodes.PROFILE_ICCID_UNKNOWN);
    assertThat(back.describe()).isEqualTo("8.2.1/3.9 ICCID unknown");
  }

  @Test
  void nonStandardCodesFromTheFieldAreReadAndDescribed() {
    String json =
        "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Failed\",\"statusCodeData\":"
            + "{\"subjectCode\":\"1.6\",\"reasonCode\":\"2.1\"}}}}";
    var resp = RspJson.lenient().read(json, GetBoundProfilePackageResponse.class);
    StatusCodeData data = resp.header().functionExecutionStatus().statusCodeData();
    assertThat(data.statusCode()).isEmpty();
    assertThat(data.describe()).isEqualTo("1.6/2.1 (not in the SGP.22 catalogue; reason: invalid)");
  }

  @Test
  void strictAndLenientWriteTheSameBytes() {
    var resp =
        new GetBoundProfilePackageResponse(
            ResponseHeader.success(), TransactionId.fromHex("0a"), new byte[] {(byte) 0xBF, 0x36});
    assertThat(RspJson.lenient().write(resp)).isEqualTo(STRICT.write(resp));
    assertThat(new String(STRICT.write(resp), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Executed-Success\"}},"
                + "\"transactionId\":\"0A\",\"boundProfilePackage\":\"vzY=\"}");
  }

  /**
   * Every truncation and every single-character corruption of a valid message either decodes or
   * fails with a CodecException: no Jackson exception, NullPointerException or other leak.
   */
  @Test
  void corruptedInputOnlyEverGivesCodecExceptions() {
    String valid =
        "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Failed\",\"statusCodeData\":"
            + "{\"subjectCode\":\"8.1\",\"reasonCode\":\"6.1\",\"message\":\"m\"}}},"
            + "\"transactionId\":\"0A0B\",\"boundProfilePackage\":\"vzYA\"}";
    char[] replacements = {'"', '{', '}', '[', ',', ':', '0', 'x', ' ', '\\', 'n', '\u00e9'};
    int decoded = 0;
    int rejected = 0;
    for (RspJson codec : new RspJson[] {STRICT, RspJson.lenient()}) {
      for (int i = 0; i <= valid.length(); i++) {
        String truncated = valid.substring(0, i);
        if (tryRead(codec, truncated)) {
          decoded++;
        } else {
          rejected++;
        }
      }
      for (int i = 0; i < valid.length(); i++) {
        for (char c : replacements) {
          String mutated = valid.substring(0, i) + c + valid.substring(i + 1);
          if (tryRead(codec, mutated)) {
            decoded++;
          } else {
            rejected++;
          }
        }
      }
    }
    assertThat(rejected).isGreaterThan(decoded);
  }

  private static boolean tryRead(RspJson codec, String json) {
    try {
      codec.read(json, GetBoundProfilePackageResponse.class);
      return true;
    } catch (CodecException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return false;
    }
  }
}
