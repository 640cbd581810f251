package org.rspharness.core.ids;

/**
 * Integrated Circuit Card Identifier (ITU-T E.118): 18 to 20 decimal digits, the last a Luhn check
 * digit, as SGP.22 carries it in ProfileInfo, StoreMetadataRequest (tag 5A) and the ES2+ JSON.
 *
 * <p>{@link #toEfIccid()} gives the EF.ICCID (and ASN.1 {@code Iccid}) form: BCD with the two
 * digits of each byte swapped, padded with {@code F} to 10 bytes. 18- and 19-digit ICCIDs
 * round-trip exactly: the padding is stripped on decode and never mistaken for a digit.
 *
 * <p>{@link #of(String)} enforces the Luhn check digit. Deployed profiles and test systems
 * sometimes carry ICCIDs whose last digit is not a Luhn digit; {@link #ofUnchecked(String)} accepts
 * those (all other rules still apply) and says so in its name. The GSMA TS.48 test profiles' ICCIDs
 * (89000123456789012341, 89000123456789012358) do pass the Luhn check.
 */
public record Iccid(String value) {

  /** Length of EF.ICCID and of the ASN.1 {@code Iccid} OCTET STRING. */
  public static final int EF_ICCID_LENGTH = 10;

  /** Validates digits and length only; the check digit is checked by {@link #of(String)}. */
  public Iccid {
    if (value == null) {
      throw new IllegalArgumentException("ICCID: missing");
    }
    if (value.length() < 18 || value.length() > 20 || !allDigits(value)) {
      throw new IllegalArgumentException(
          "ICCID: expected 18 to 20 decimal digits, got '"
              + value
              + "' ("
              + value.length()
              + " chars)");
    }
  }

  /** Parses an ICCID and checks its Luhn check digit (the last digit). */
  public static Iccid of(String value) {
    Iccid iccid = new Iccid(value);
    int expected = luhnCheckDigit(value.substring(0, value.length() - 1));
    if (value.charAt(value.length() - 1) - '0' != expected) {
      throw new IllegalArgumentException(
          "ICCID: check digit of '" + value + "' is wrong (Luhn); expected " + expected);
    }
    return iccid;
  }

  /**
   * Parses an ICCID WITHOUT checking its Luhn digit, for real profiles whose last digit is not a
   * Luhn check digit. Length and digits are still checked.
   */
  public static Iccid ofUnchecked(String value) {
    return new Iccid(value);
  }

  /** Appends the Luhn check digit to 17 to 19 leading digits. */
  public static Iccid withCheckDigit(String withoutCheckDigit) {
    if (withoutCheckDigit == null
        || withoutCheckDigit.length() < 17
        || withoutCheckDigit.length() > 19
        || !allDigits(withoutCheckDigit)) {
      throw new IllegalArgumentException("ICCID: expected 17 to 19 leading decimal digits");
    }
    return new Iccid(withoutCheckDigit + luhnCheckDigit(withoutCheckDigit));
  }

  /** Decodes the 10-byte EF.ICCID form and checks the Luhn digit. */
  public static Iccid fromEfIccid(byte[] efIccid) {
    return of(decodeSwappedBcd(efIccid));
  }

  /** Decodes the 10-byte EF.ICCID form without checking the Luhn digit. */
  public static Iccid fromEfIccidUnchecked(byte[] efIccid) {
    return ofUnchecked(decodeSwappedBcd(efIccid));
  }

  /** Whether the last digit is the Luhn check digit of the others. */
  public boolean hasValidCheckDigit() {
    return value.charAt(value.length() - 1) - '0'
        == luhnCheckDigit(value.substring(0, value.length() - 1));
  }

  /** The EF.ICCID form: nibble-swapped BCD, padded with F to 10 bytes. */
  public byte[] toEfIccid() {
    byte[] out = new byte[EF_ICCID_LENGTH];
    for (int i = 0; i < EF_ICCID_LENGTH; i++) {
      int low = nibbleAt(2 * i);
      int high = nibbleAt(2 * i + 1);
      out[i] = (byte) ((high << 4) | low);
    }
    return out;
  }

  private int nibbleAt(int index) {
    return index < value.length() ? value.charAt(index) - '0' : 0xF;
  }

  private static String decodeSwappedBcd(byte[] efIccid) {
    if (efIccid == null) {
      throw new IllegalArgumentException("ICCID: missing EF.ICCID bytes");
    }
    if (efIccid.length != EF_ICCID_LENGTH) {
      throw new IllegalArgumentException("ICCID: EF.ICCID must be 10 bytes, got " + efIccid.length);
    }
    StringBuilder digits = new StringBuilder(20);
    boolean padding = false;
    for (int i = 0; i < 2 * EF_ICCID_LENGTH; i++) {
      int b = efIccid[i / 2] & 0xFF;
      int nibble = (i % 2 == 0) ? (b & 0x0F) : (b >> 4);
      if (nibble == 0xF) {
        padding = true;
      } else if (padding) {
        throw new IllegalArgumentException(
            "ICCID: EF.ICCID has a digit after F padding (byte " + (i / 2) + ")");
      } else if (nibble > 9) {
        throw new IllegalArgumentException(
            "ICCID: EF.ICCID byte "
                + (i / 2)
                + " holds nibble "
                + Integer.toHexString(nibble).toUpperCase()
                + ", not a BCD digit");
      } else {
        digits.append((char) ('0' + nibble));
      }
    }
    return digits.toString();
  }

  /** Luhn (ISO/IEC 7812-1) check digit over {@code digits}. */
  static int luhnCheckDigit(String digits) {
    int sum = 0;
    boolean dbl = true; // the digit next to the check digit is doubled
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}
