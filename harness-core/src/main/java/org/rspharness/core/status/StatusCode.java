package org.rspharness.core.status;

/**
 * One SGP.22 status code: a subject code (what the problem is about, e.g. {@code 8.2.7}
 * "Confirmation Code") and a reason code (what is wrong with it, e.g. {@code 6.4} "Maximum number
 * of retries exceeded"), as carried in {@code statusCodeData} of an ES2+/ES9+ response header
 * (SGP.22 section 6.5.1.4).
 *
 * @param subjectCode dotted subject code, e.g. {@code 8.2.7}
 * @param reasonCode dotted reason code, e.g. {@code 6.4}
 * @param meaning short lower-case meaning for logs, e.g. "confirmation code retries exceeded"
 */
public record StatusCode(String subjectCode, String reasonCode, String meaning) {

  /** Validates the two codes: dotted decimal numbers. */
  public StatusCode {
    checkDotted("subjectCode", subjectCode);
    checkDotted("reasonCode", reasonCode);
    if (meaning == null) {
      meaning = "";
    }
  }

  private static void checkDotted(String field, String code) {
    if (code == null || !code.matches("[0-9]+(\\.[0-9]+)*")) {
      throw new IllegalArgumentException(
          "status code: " + field + " must be dotted decimal, got '" + code + "'");
    }
  }

  /** {@code subject/reason}, e.g. {@code 8.2.7/6.4}. */
  public String key() {
    return subjectCode + "/" + reasonCode;
  }

  /** Whether this code has exactly these subject and reason codes. */
  public boolean matches(String subject, String reason) {
    return subjectCode.equals(subject) && reasonCode.equals(reason);
  }

  /** One line for logs: {@code 8.2.7/6.4 confirmation code retries exceeded}. */
  @Override
  public String toString() {
    return meaning.isEmpty() ? key() : key() + " " + meaning;
  }
}
