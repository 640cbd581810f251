package org.rspharness.euicc.card;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * ISO 7816-4 section 5.1: a command APDU in short-length form (cases 1 to 4).
 *
 * <p>Extended length (Lc or Le coded on three bytes) is refused with 6700: no LPA we know sends it
 * to an eUICC (STORE DATA blocks are at most 255 bytes and responses are fetched with GET
 * RESPONSE).
 */
public final class CommandApdu {

  /** Ne when the command carries no Le field (cases 1 and 3). */
  public static final int NO_LE = -1;

  private final int cla;
  private final int ins;
  private final int p1;
  private final int p2;
  private final byte[] data;
  private final int ne;

  private CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int ne) {
    this.cla = cla;
    this.ins = ins;
    this.p1 = p1;
    this.p2 = p2;
    this.data = data;
    this.ne = ne;
  }

  /**
   * Builds a command; {@code data} may be empty (0..255 bytes), {@code ne} is {@link #NO_LE} or
   * 1..256 (256 is sent as Le = 00).
   */
  public static CommandApdu of(int cla, int ins, int p1, int p2, byte[] data, int ne) {
    checkByte("cla", cla);
    checkByte("ins", ins);
    checkByte("p1", p1);
    checkByte("p2", p2);
    if (data == null) {
      throw new IllegalArgumentException("data must not be null (use an empty array)");
    }
    if (data.length > 255) {
      throw new IllegalArgumentException("data longer than 255 bytes: " + data.length);
    }
    if (ne != NO_LE && (ne < 1 || ne > 256)) {
      throw new IllegalArgumentException("ne must be NO_LE or 1..256: " + ne);
    }
    return new CommandApdu(cla, ins, p1, p2, data.clone(), ne);
  }

  /** A command with no Le field. */
  public static CommandApdu of(int cla, int ins, int p1, int p2, byte[] data) {
    return of(cla, ins, p1, p2, data, NO_LE);
  }

  /**
   * ISO 7816-4 section 5.2: parses the short-length cases; a length that does not match the bytes
   * present, a header shorter than four bytes or extended length raise a {@link
   * StatusWordException} with 6700.
   */
  public static CommandApdu parse(byte[] apdu) {
    if (apdu == null || apdu.length < 4) {
      throw new StatusWordException(
          StatusWord.WRONG_LENGTH,
          "command APDU shorter than its 4-byte header: " + (apdu == null ? 0 : apdu.length));
    }
    int cla = apdu[0] & 0xFF;
    int ins = apdu[1] & 0xFF;
    int p1 = apdu[2] & 0xFF;
    int p2 = apdu[3] & 0xFF;
    if (apdu.length == 4) {
      return new CommandApdu(cla, ins, p1, p2, new byte[0], NO_LE);
    }
    int p3 = apdu[4] & 0xFF;
    if (apdu.length == 5) {
      return new CommandApdu(cla, ins, p1, p2, new byte[0], p3 == 0 ? 256 : p3);
    }
    if (p3 == 0) {
      throw new StatusWordException(
          StatusWord.WRONG_LENGTH,
          "extended-length APDU not supported (length " + apdu.length + ")");
    }
    if (apdu.length == 5 + p3) {
      return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, 5 + p3), NO_LE);
    }
    if (apdu.length == 6 + p3) {
      int le = apdu[5 + p3] & 0xFF;
      return new CommandApdu(
          cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, 5 + p3), le == 0 ? 256 : le);
    }
    throw new StatusWordException(
        StatusWord.WRONG_LENGTH, "Lc " + p3 + " does not match APDU length " + apdu.length);
  }

  /** The encoded APDU (short length). */
  public byte[] toBytes() {
    int length = 4 + (data.length > 0 ? 1 + data.length : 0) + (ne != NO_LE ? 1 : 0);
    byte[] out = new byte[length];
    out[0] = (byte) cla;
    out[1] = (byte) ins;
    out[2] = (byte) p1;
    out[3] = (byte) p2;
    int at = 4;
    if (data.length > 0) {
      out[at++] = (byte) data.length;
      System.arraycopy(data, 0, out, at, data.length);
      at += data.length;
    }
    if (ne != NO_LE) {
      out[at] = (byte) (ne == 256 ? 0 : ne);
    }
    return out;
  }

  /** CLA. */
  public int cla() {
    return cla;
  }

  /** INS. */
  public int ins() {
    return ins;
  }

  /** P1. */
  public int p1() {
    return p1;
  }

  /** P2. */
  public int p2() {
    return p2;
  }

  /** The command data field (a copy; empty in cases 1 and 2). */
  public byte[] data() {
    return data.clone();
  }

  /** Nc, the length of the command data field. */
  public int nc() {
    return data.length;
  }

  /** Ne, the maximum response length (Le = 00 is 256), or {@link #NO_LE}. */
  public int ne() {
    return ne;
  }

  /** True when the command carries an Le field. */
  public boolean hasLe() {
    return ne != NO_LE;
  }

  // Package-private access without a copy, for the card front end.
  byte[] dataUnsafe() {
    return data;
  }

  @Override
  public String toString() {
    return HexFormat.of().withUpperCase().formatHex(toBytes());
  }

  private static void checkByte(String field, int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException(field + " out of byte range: " + value);
    }
  }
}
