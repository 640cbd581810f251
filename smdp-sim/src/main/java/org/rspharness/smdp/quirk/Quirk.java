package org.rspharness.smdp.quirk;

/**
 * Behaviours of SM-DP+s met in the field that the simulator can imitate (PROTOCOL.md "where real
 * systems trip"). All are off by default; a default simulator follows SGP.22 strictly.
 */
public enum Quirk {
  /** Base64 members of ES9+ responses are wrapped every 76 characters with CRLF (MIME style). */
  BASE64_LINE_BREAKS,
  /** handleNotification is answered HTTP 200 with a success header instead of 204 with no body. */
  NOTIFICATION_200_INSTEAD_OF_204,
  /** Notification addresses in the profile metadata carry leading and trailing spaces. */
  NOTIFICATION_ADDRESS_WHITESPACE,
  /** The function named by {@link Quirks#http500Function()} answers HTTP 500 with an HTML page. */
  HTTP_500_HTML,
  /**
   * Every failure carries the non-standard code {@link Quirks#nonStandardCode()} (e.g. 1.6/2.1).
   */
  NON_STANDARD_STATUS_CODES,
  /** The confirmation code is hashed as hex-decoded digits instead of UTF-8 characters. */
  CONFIRMATION_CODE_HEX_DECODED,
  /** The SM-DP+ address is compared exactly (case-sensitive) instead of case-insensitively. */
  EXACT_ADDRESS_CHECK,
  /**
   * Identifiers outside SGP.22 are accepted (as pySim's SM-DP+ does): ICCIDs whose last digit is
   * not a Luhn digit, EIDs with wrong ISO 7064 check digits (form still 32 digits from 89), and
   * matchingIds beyond the SGP.22 alphabet (e.g. with {@code _}), in ES2+ requests, the eUICC
   * certificate's EID and the inventory. Status codes and everything else stay strict.
   */
  LENIENT_IDENTIFIERS,
  /**
   * Each ES9+ port offers one DPauth curve (as suites written against single-curve SM-DP+s expect):
   * InitiateAuthentication on the NIST P-256 port chooses only a P-256 CI, on the brainpool port
   * only a brainpoolP256r1 CI, and answers 8.8.2/3.1 when the eUICC offers none of that curve.
   * Without it either port serves every curve the PKI has.
   */
  SINGLE_CURVE_PER_PORT,
  /**
   * BSP segments of {@link #LONG_SEGMENT_LENGTH} bytes instead of at most 1020 (SGP.22 2.5.5): a
   * field SM-DP+ forgets the padding and cuts 1008 plaintext bytes that pad to 1024.
   */
  LONG_BSP_SEGMENTS;

  /** The segment length of {@link #LONG_BSP_SEGMENTS}: 1024 + tag, 3-byte length and MAC. */
  public static final int LONG_SEGMENT_LENGTH = 1036;

  /**
   * Parses a command-line name: enum name or lower-case with dashes ({@code base64-line-breaks}).
   */
  public static Quirk parse(String s) {
    String n = s == null ? "" : s.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    for (Quirk q : values()) {
      if (q.name().equals(n)) {
        return q;
      }
    }
    throw new IllegalArgumentException(
        "quirk: unknown '"
            + s
            + "'; one of "
            + java.util.Arrays.stream(values())
                .map(q -> q.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .toList());
  }
}
