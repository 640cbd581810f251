package org.rspharness.euicc.card;

/**
 * ISO 7816-4 section 5.4.1 (and GPC Card Specification section 11.1.4): the decoded class byte.
 *
 * <p>Coding, for interindustry (b8 = 0) and proprietary (b8 = 1, GlobalPlatform and ETSI TS 102 221
 * use the same layout) classes alike:
 *
 * <ul>
 *   <li>{@code x00c ssnn} (first class, CLA 00-1F / 80-9F): channels 0-3 in b2-b1 ({@code nn}),
 *       secure messaging in b4-b3 ({@code ss}), command chaining in b5 ({@code c}). So STORE DATA
 *       on channels 0-3 is CLA 80-83, SELECT 00-03.
 *   <li>{@code x1sc nnnn} (further class, CLA 40-7F / C0-FF): channels 4-19 as {@code nnnn} + 4,
 *       secure messaging in b6 ({@code s}), chaining in b5. So STORE DATA on channels 4-19 is CLA
 *       C0-CF (E0-EF with secure messaging), SELECT 40-4F.
 *   <li>{@code x01x xxxx} (CLA 20-3F, A0-BF) is reserved for future use by ISO (A0 is the GSM 11.11
 *       class) and FF is invalid: both are refused with 6E00.
 * </ul>
 *
 * @param proprietary b8 set (GlobalPlatform / ETSI commands such as STORE DATA, TERMINAL
 *     CAPABILITY)
 * @param channel logical channel number 0..19
 * @param secureMessaging secure messaging is indicated
 * @param chaining command chaining (ISO b5) is indicated
 */
public record ClassByte(
    boolean proprietary, int channel, boolean secureMessaging, boolean chaining) {

  /** Number of logical channels the coding can express (0..19). */
  public static final int MAX_CHANNELS = 20;

  /** Validates the channel range. */
  public ClassByte {
    if (channel < 0 || channel >= MAX_CHANNELS) {
      throw new IllegalArgumentException("channel out of range 0..19: " + channel);
    }
  }

  /**
   * ISO 7816-4 section 5.4.1: decodes {@code cla}; a reserved or invalid class raises a {@link
   * StatusWordException} with 6E00.
   */
  public static ClassByte decode(int cla) {
    if (cla < 0 || cla > 0xFF) {
      throw new IllegalArgumentException("cla out of byte range: " + cla);
    }
    if (cla == 0xFF) {
      throw new StatusWordException(StatusWord.CLA_NOT_SUPPORTED, "CLA FF is invalid");
    }
    boolean proprietary = (cla & 0x80) != 0;
    boolean chaining = (cla & 0x10) != 0;
    if ((cla & 0x40) == 0) {
      if ((cla & 0x20) != 0) {
        throw new StatusWordException(
            StatusWord.CLA_NOT_SUPPORTED, String.format("CLA %02X is a reserved class", cla));
      }
      return new ClassByte(proprietary, cla & 0x03, (cla & 0x0C) != 0, chaining);
    }
    return new ClassByte(proprietary, 4 + (cla & 0x0F), (cla & 0x20) != 0, chaining);
  }

  /**
   * ISO 7816-4 section 5.4.1: the CLA without secure messaging or chaining for a command of the
   * given class on {@code channel} (e.g. proprietary on channel 1 gives 81, on channel 4 gives C0).
   */
  public static int encode(boolean proprietary, int channel) {
    if (channel < 0 || channel >= MAX_CHANNELS) {
      throw new IllegalArgumentException("channel out of range 0..19: " + channel);
    }
    int base = proprietary ? 0x80 : 0x00;
    return channel < 4 ? base | channel : base | 0x40 | (channel - 4);
  }
}
