package org.rspharness.core.ids;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SGP.22 section 4.1 Activation Code: {@code LPA:1$<SM-DP+ address>$<matchingId>[$<SM-DP+
 * OID>[$<confirmation code required flag>]]}.
 *
 * <p>The forms real codes use are all accepted: an empty matchingId ({@code
 * LPA:1$smdp.example.com$}), an empty OID before the flag ({@code LPA:1$host$MID$$1}), an OID
 * without the flag. Only AC format "1" exists. {@link #toString()} gives the canonical string with
 * the {@code LPA:} scheme of the QR code; {@link #parse(String)} of it gives an equal code back.
 * Parsing also accepts the bare form without {@code LPA:}.
 *
 * @param smdpAddress the SM-DP+ address (compared case-insensitively)
 * @param matchingId the AC_Token; {@link MatchingId#EMPTY} when the code has none
 * @param smdpOid the SM-DP+ OID in dotted form, or {@code null} when absent
 * @param confirmationCodeRequired whether the flag "1" is present
 */
public record ActivationCode(
    SmdpAddress smdpAddress,
    MatchingId matchingId,
    String smdpOid,
    boolean confirmationCodeRequired) {

  /** The only AC_Format SGP.22 defines. */
  public static final String AC_FORMAT = "1";

  /** The QR-code scheme in front of the activation code. */
  public static final String SCHEME = "LPA:";

  /** Maximum length of the activation code (without the scheme), per SGP.22 section 4.1. */
  public static final int MAX_LENGTH = 255;

  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

  /** Validates the parts. */
  public ActivationCode {
    if (smdpAddress == null) {
      throw new IllegalArgumentException("activation code: missing SM-DP+ address");
    }
    if (matchingId == null) {
      throw new IllegalArgumentException(
          "activation code: missing matchingId (use MatchingId.EMPTY)");
    }
    if (smdpOid != null && !OID.matcher(smdpOid).matches()) {
      throw new IllegalArgumentException(
          "activation code: SM-DP+ OID '" + smdpOid + "' is not a dotted object identifier");
    }
  }

  /** Parses strictly: SGP.22 alphabet for the matchingId, no surrounding whitespace. */
  public static ActivationCode parse(String text) {
    return parse(text, false);
  }

  /**
   * Parses as deployed LPAs do: trims surrounding whitespace (of the code and of each field),
   * accepts the scheme in any case, a matchingId outside the SGP.22 alphabet, and flag "0" as "not
   * required".
   */
  public static ActivationCode parseLenient(String text) {
    return parse(text, true);
  }

  private static ActivationCode parse(String text, boolean lenient) {
    if (text == null) {
      throw new IllegalArgumentException("activation code: missing");
    }
    String body = lenient ? text.strip() : text;
    if (body.regionMatches(lenient, 0, SCHEME, 0, SCHEME.length())) {
      body = body.substring(SCHEME.length());
    }
    if (body.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "activation code: longer than " + MAX_LENGTH + " characters (" + body.length() + ")");
    }
    String[] parts = body.split("\\$", -1);
    if (lenient) {
      for (int i = 0; i < parts.length; i++) {
        parts[i] = parts[i].strip();
      }
    }
    if (parts[0].isEmpty()) {
      throw new IllegalArgumentException("activation code: missing AC format");
    }
    if (!AC_FORMAT.equals(parts[0])) {
      throw new IllegalArgumentException(
          "activation code: unsupported AC format '" + parts[0] + "'");
    }
    if (parts.length < 2) {
      throw new IllegalArgumentException("activation code: missing '$' after AC format");
    }
    if (parts.length < 3) {
      throw new IllegalArgumentException("activation code: missing '$' after SM-DP+ address");
    }
    // SGP.22 v3 adds a sixth field (the CI public key indicator); v2 LPAs must refuse it, a
    // lenient reader passes it over.
    if (parts.length > (lenient ? 6 : 5)) {
      throw new IllegalArgumentException(
          "activation code: "
              + parts.length
              + " fields, at most "
              + (lenient ? 6 : 5)
              + " expected");
    }
    if (parts[1].isEmpty()) {
      throw new IllegalArgumentException("activation code: missing SM-DP+ address");
    }
    SmdpAddress address;
    MatchingId matchingId;
    try {
      address = lenient ? SmdpAddress.parseLenient(parts[1]) : SmdpAddress.of(parts[1]);
      matchingId = lenient ? MatchingId.ofLenient(parts[2]) : MatchingId.of(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("activation code: " + e.getMessage(), e);
    }
    String oid = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
    boolean ccRequired = false;
    if (parts.length > 4) {
      String flag = parts[4];
      if ("1".equals(flag)) {
        ccRequired = true;
      } else if (!(lenient && ("0".equals(flag) || flag.isEmpty()))) {
        throw new IllegalArgumentException(
            "activation code: confirmation code required flag must be '1', got '" + flag + "'");
      }
    }
    return new ActivationCode(address, matchingId, oid, ccRequired);
  }

  /** The SM-DP+ OID, if the code carries one. */
  public Optional<String> smdpOidIfPresent() {
    return Optional.ofNullable(smdpOid);
  }

  /** The activation code without the {@code LPA:} scheme, e.g. {@code 1$smdp.example.com$ABC}. */
  public String toAcString() {
    StringBuilder sb = new StringBuilder();
    sb.append(AC_FORMAT).append('$').append(smdpAddress.value()).append('$');
    sb.append(matchingId.value());
    if (smdpOid != null || confirmationCodeRequired) {
      sb.append('$');
      if (smdpOid != null) {
        sb.append(smdpOid);
      }
    }
    if (confirmationCodeRequired) {
      sb.append("$1");
    }
    return sb.toString();
  }

  /** The canonical form with the QR-code scheme: {@code LPA:1$...}. */
  @Override
  public String toString() {
    return SCHEME + toAcString();
  }
}
