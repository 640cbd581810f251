package org.rspharness.core.message;

import java.util.Optional;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;

/**
 * SGP.22 section 6.5.1.4 {@code statusCodeData}: why a function failed.
 *
 * @param subjectCode e.g. {@code 8.2.7} (required)
 * @param reasonCode e.g. {@code 6.4} (required)
 * @param subjectIdentifier identifier of the subject, e.g. an ICCID (optional)
 * @param message free text (optional)
 */
public record StatusCodeData(
    String subjectCode, String reasonCode, String subjectIdentifier, String message) {

  public StatusCodeData {
    MissingMemberException.require(subjectCode, "subjectCode");
    MissingMemberException.require(reasonCode, "reasonCode");
  }

  /** Status code data for a catalogue code, with its meaning as the message. */
  public static StatusCodeData of(StatusCode code) {
    return new StatusCodeData(code.subjectCode(), code.reasonCode(), null, code.meaning());
  }

  /** Status code data for a catalogue code with a subject identifier and message of your own. */
  public static StatusCodeData of(StatusCode code, String subjectIdentifier, String message) {
    return new StatusCodeData(code.subjectCode(), code.reasonCode(), subjectIdentifier, message);
  }

  /** The catalogue entry for these codes, if it is one the harness knows. */
  public Optional<StatusCode> statusCode() {
    return StatusCodes.find(subjectCode, reasonCode);
  }

  /** One line: {@code 8.2.7/6.4 confirmation code retries exceeded}. */
  public String describe() {
    return StatusCodes.describe(subjectCode, reasonCode);
  }
}
