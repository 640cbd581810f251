package org.rspharness.core.ids;

import java.math.BigInteger;

/**
 * eUICC identifier: 32 decimal digits whose last two are ISO 7064 MOD 97-10 check digits (GSMA
 * SGP.29, as SGP.22 section 4.3.1 refers to it), so that the whole number mod 97 equals 1. The
 * constructor checks the form; {@link #of} also the check digits.
 */
public record Eid(String value) {

  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  public Eid {
    if (value == null) {
      throw new IllegalArgumentException("EID: missing");
    }
    if (value.length() != 32 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "EID: expected 32 decimal digits, got '" + value + "' (" + value.length() + " chars)");
    }
    if (!value.startsWith("89")) {
      // GSMA SGP.29: every EID starts with the telecommunications industry identifier 89.
      throw new IllegalArgumentException(
          "EID: '" + value + "' does not start with 89 (the industry identifier)");
    }
  }

  /** Parses and validates an EID, check digits included. */
  public static Eid of(String value) {
    Eid eid = new Eid(value);
    if (!new BigInteger(value).mod(NINETY_SEVEN).equals(BigInteger.ONE)) {
      throw new IllegalArgumentException(
          "EID: check digits of '"
              + value
              + "' are wrong (ISO 7064 MOD 97-10); expected "
              + checkDigits(value.substring(0, 30)));
    }
    return eid;
  }

  /**
   * An EID of 32 digits starting with 89 whose check digits are not verified (test suites whose
   * fixtures carry made-up EIDs; an SM-DP+'s lenient-identifiers quirk).
   */
  public static Eid ofUnchecked(String value) {
    return new Eid(value);
  }

  /** Completes the first 30 digits of an EID with its two check digits. */
  public static Eid withCheckDigits(String first30) {
    if (first30 == null
        || first30.length() != 30
        || !first30.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("EID: expected the first 30 decimal digits");
    }
    return new Eid(first30 + checkDigits(first30));
  }

  private static String checkDigits(String first30) {
    int mod = new BigInteger(first30 + "00").mod(NINETY_SEVEN).intValue();
    return String.format("%02d", 98 - mod);
  }

  /** The EUM part SGP.22 uses for range checks: the leading digits up to the issuer number. */
  public boolean startsWith(String prefix) {
    return value.startsWith(prefix);
  }

  @Override
  public String toString() {
    return value;
  }
}
