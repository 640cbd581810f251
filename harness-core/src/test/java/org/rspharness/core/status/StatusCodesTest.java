package org.rspharness.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusCodesTest {

  @Test
  void printsCodeAndMeaningOnOneLine() {
    assertThat(StatusCodes.describe("8.2.7", "6.4"))
        .isEqualTo("8.2.7/6.4 confirmation code retries exceeded");
    assertThat(StatusCodes.CONFIRMATION_CODE_RETRIES_EXCEEDED.toString())
        .isEqualTo("8.2.7/6.4 confirmation code retries exceeded");
    assertThat(StatusCodes.EUICC_SIGNATURE_INVALID.key()).isEqualTo("8.1/6.1");
  }

  @Test
  void findsCodesBySubjectAndReason() {
    assertThat(StatusCodes.find("8.10.1", "3.9")).contains(StatusCodes.TRANSACTION_ID_UNKNOWN);
    assertThat(StatusCodes.find("8.10.1", "3.8")).isEmpty();
    assertThat(StatusCodes.find(null, "3.8")).isEmpty();
  }

  @Test
  void describesUnknownCodesWithGenericNamesInsteadOfFailing() {
    assertThat(StatusCodes.describe("1.6", "2.1"))
        .isEqualTo("1.6/2.1 (not in the SGP.22 catalogue; reason: invalid)");
    assertThat(StatusCodes.describe("8.2.8", "9.9"))
        .isEqualTo("8.2.8/9.9 (not in the SGP.22 catalogue; subject: profile policy rules)");
    assertThat(StatusCodes.describe(null, null)).startsWith("null/null");
  }

  /** Every code PROTOCOL.md lists as "the ones met most" is a named constant. */
  @Test
  void coversTheCodesMetMostInTheField() {
    List<String> listed =
        List.of(
            "8.1/4.8",
            "8.1/6.1",
            "8.1.1/2.2",
            "8.1.1/3.8",
            "8.1.2/6.1",
            "8.1.2/6.3",
            "8.1.3/6.1",
            "8.1.3/6.3",
            "8.2/1.2",
            "8.2/3.7",
            "8.2.1/3.3",
            "8.2.5/4.3",
            "8.2.6/3.8",
            "8.2.7/2.2",
            "8.2.7/3.8",
            "8.2.7/6.4",
            "8.8/3.10",
            "8.8.1/3.8",
            "8.8.2/3.1",
            "8.8.3/3.1",
            "8.8.4/3.7",
            "8.8.5/4.10",
            "8.8.5/6.4",
            "8.10.1/3.9",
            "8.11.1/3.9",
            "1.2.1/2.1",
            "1.2.2/2.1");
    for (String key : listed) {
      String[] p = key.split("/");
      assertThat(StatusCodes.find(p[0], p[1])).as(key).isPresent();
    }
  }

  @Test
  void catalogueHasNoDuplicateKeys() {
    Set<String> keys = new HashSet<>();
    for (StatusCode c : StatusCodes.all()) {
      assertThat(keys.add(c.key())).as(c.key()).isTrue();
      assertThat(c.meaning()).isNotBlank();
    }
    assertThat(keys).hasSizeGreaterThan(40);
  }

  @Test
  void orderExpiredDriftIsRecognisedBothWays() {
    assertThat(StatusCodes.find("8.8.5", "4.1"))
        .contains(StatusCodes.DOWNLOAD_ORDER_EXPIRED_REASON_4_1);
    assertThat(StatusCodes.preferred(StatusCodes.DOWNLOAD_ORDER_EXPIRED_REASON_4_1))
        .isEqualTo(StatusCodes.DOWNLOAD_ORDER_EXPIRED);
    assertThat(StatusCodes.sameMeaning(StatusCodes.DOWNLOAD_ORDER_EXPIRED, "8.8.5", "4.1"))
        .isTrue();
    assertThat(StatusCodes.sameMeaning(StatusCodes.DOWNLOAD_ORDER_EXPIRED, "8.8.5", "4.10"))
        .isTrue();
    assertThat(StatusCodes.sameMeaning(StatusCodes.DOWNLOAD_ORDER_EXPIRED, "8.8.5", "6.4"))
        .isFalse();
    assertThat(StatusCodes.driftNote(StatusCodes.DOWNLOAD_ORDER_EXPIRED))
        .get()
        .asString()
        .contains("4.1");
    assertThat(StatusCodes.driftNote(StatusCodes.TRANSACTION_ID_UNKNOWN)).isEmpty();
    assertThat(StatusCodes.preferred(StatusCodes.TRANSACTION_ID_UNKNOWN))
        .isSameAs(StatusCodes.TRANSACTION_ID_UNKNOWN);
  }

  @Test
  void statusCodeRejectsNonDottedCodes() {
    assertThatThrownBy(() -> new StatusCode("8.x", "1", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subjectCode");
    assertThatThrownBy(() -> new StatusCode("8.1", null, "m")).hasMessageContaining("reasonCode");
  }
}
