package org.rspharness.euicc.card;

/**
 * ISO 7816-4 section 5.6: the two status bytes SW1 SW2 that end every response APDU.
 *
 * @param value SW1 in the high byte, SW2 in the low byte (0x0000..0xFFFF)
 */
public record StatusWord(int value) {

  /** 9000: normal processing, no further qualification. */
  public static final StatusWord OK = new StatusWord(0x9000);

  /** 6700: wrong length (Lc/Le inconsistent with the command, or extended length). */
  public static final StatusWord WRONG_LENGTH = new StatusWord(0x6700);

  /** 6881: logical channel not supported (not open, or beyond the card's channel count). */
  public static final StatusWord LOGICAL_CHANNEL_NOT_SUPPORTED = new StatusWord(0x6881);

  /** 6882: secure messaging not supported (CLA indicates SM). */
  public static final StatusWord SECURE_MESSAGING_NOT_SUPPORTED = new StatusWord(0x6882);

  /** 6884: command chaining not supported (CLA b5 set). */
  public static final StatusWord COMMAND_CHAINING_NOT_SUPPORTED = new StatusWord(0x6884);

  /** 6985: conditions of use not satisfied. */
  public static final StatusWord CONDITIONS_NOT_SATISFIED = new StatusWord(0x6985);

  /** 6A80: incorrect parameters in the command data field. */
  public static final StatusWord WRONG_DATA = new StatusWord(0x6A80);

  /** 6A81: function not supported (e.g. no free logical channel). */
  public static final StatusWord FUNCTION_NOT_SUPPORTED = new StatusWord(0x6A81);

  /** 6A82: file or application not found. */
  public static final StatusWord FILE_NOT_FOUND = new StatusWord(0x6A82);

  /** 6A84: not enough memory space in the file (GPC STORE DATA: command too large). */
  public static final StatusWord NOT_ENOUGH_MEMORY = new StatusWord(0x6A84);

  /** 6A86: incorrect parameters P1-P2. */
  public static final StatusWord INCORRECT_P1_P2 = new StatusWord(0x6A86);

  /** 6A88: referenced data or reference data not found (SGP.22: unknown ES10 tag). */
  public static final StatusWord REFERENCED_DATA_NOT_FOUND = new StatusWord(0x6A88);

  /** 6D00: instruction code not supported or invalid. */
  public static final StatusWord INS_NOT_SUPPORTED = new StatusWord(0x6D00);

  /** 6E00: class not supported. */
  public static final StatusWord CLA_NOT_SUPPORTED = new StatusWord(0x6E00);

  /** 6F00: no precise diagnosis (an internal failure of the card). */
  public static final StatusWord NO_PRECISE_DIAGNOSIS = new StatusWord(0x6F00);

  /** Validates the range. */
  public StatusWord {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("status word value out of range 0..FFFF: " + value);
    }
  }

  /**
   * ISO 7816-4 section 5.6: 61xx, more response bytes available through GET RESPONSE; SW2 is the
   * count, 00 meaning 256 or more.
   */
  public static StatusWord bytesRemaining(int remaining) {
    if (remaining <= 0) {
      throw new IllegalArgumentException("remaining must be positive: " + remaining);
    }
    return new StatusWord(0x6100 | (remaining >= 256 ? 0 : remaining));
  }

  /** The status word formed by {@code sw1} and {@code sw2} (each 0..255). */
  public static StatusWord of(int sw1, int sw2) {
    if (sw1 < 0 || sw1 > 0xFF || sw2 < 0 || sw2 > 0xFF) {
      throw new IllegalArgumentException("sw1/sw2 out of byte range: " + sw1 + "/" + sw2);
    }
    return new StatusWord(sw1 << 8 | sw2);
  }

  /** SW1. */
  public int sw1() {
    return value >>> 8;
  }

  /** SW2. */
  public int sw2() {
    return value & 0xFF;
  }

  /** True for 9000 and 61xx (normal processing). */
  public boolean isSuccess() {
    return value == 0x9000 || sw1() == 0x61;
  }

  /** The two bytes SW1 SW2, as a response APDU with no data. */
  public byte[] toBytes() {
    return new byte[] {(byte) sw1(), (byte) sw2()};
  }

  @Override
  public String toString() {
    return String.format("%04X", value);
  }
}
