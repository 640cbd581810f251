package org.rspharness.euicc.card;

import java.util.Arrays;

/**
 * ISO 7816-3 section 8.2 and ETSI TS 102 221 section 6.3: the Answer-To-Reset of the simulated
 * eUICC.
 *
 * <p>The default ATR {@code 3B 9F 96 80 1F C7 80 31 E0 73 FE 21 1B 63 52 53 48 83 00 90 00 TCK}
 * reads:
 *
 * <ul>
 *   <li>{@code 3B} TS, direct convention; {@code 9F} T0: TA1 and TD1 follow, 15 historical bytes;
 *   <li>{@code 96} TA1: Fi = 512, Di = 32; {@code 80} TD1: TD2 follows, protocol T=0;
 *   <li>{@code 1F} TD2: TA3 follows, T=15 (global bytes); {@code C7} TA3: clock stop with no
 *       preference, supply classes A, B and C (ETSI TS 102 221 section 6.3.3);
 *   <li>historical bytes (ISO 7816-4 section 8.1.1), category {@code 80} then compact-TLV: {@code
 *       31 E0} card service data (selection by full and partial DF name, data objects in EF.DIR),
 *       {@code 73 FE 21 1B} card capabilities (third byte 1B: logical channels assigned by the card
 *       and by the interface device, at most 4), {@code 63 52 53 48} pre-issuing data "RSH" marking
 *       this simulator, {@code 83 00 90 00} status indicator (life cycle 00, SW 9000);
 *   <li>TCK: the XOR of T0 up to the last historical byte, present because T=15 is indicated.
 * </ul>
 *
 * <p>Only T=0 is offered, as UICCs do; the vpcd reader does not negotiate anyway.
 */
public final class Atr {

  private static final byte[] WITHOUT_TCK = {
    0x3B,
    (byte) 0x9F,
    (byte) 0x96,
    (byte) 0x80,
    0x1F,
    (byte) 0xC7,
    (byte) 0x80,
    0x31,
    (byte) 0xE0,
    0x73,
    (byte) 0xFE,
    0x21,
    0x1B,
    0x63,
    0x52,
    0x53,
    0x48,
    (byte) 0x83,
    0x00,
    (byte) 0x90,
    0x00
  };

  /** Shared default instance; never handed out (cards return copies). */
  static final byte[] DEFAULT_EUICC_SHARED = withCheckCharacter(WITHOUT_TCK);

  private Atr() {}

  /** The default eUICC ATR described above, with its TCK (a fresh copy). */
  public static byte[] defaultEuiccAtr() {
    return DEFAULT_EUICC_SHARED.clone();
  }

  /**
   * ISO 7816-3 section 8.2.5: {@code atrWithoutTck} followed by its check character TCK, the XOR of
   * every byte from T0 (index 1) to the end.
   */
  public static byte[] withCheckCharacter(byte[] atrWithoutTck) {
    if (atrWithoutTck == null || atrWithoutTck.length < 2 || atrWithoutTck.length > 32) {
      throw new IllegalArgumentException("ATR without TCK must be 2..32 bytes");
    }
    byte[] out = Arrays.copyOf(atrWithoutTck, atrWithoutTck.length + 1);
    int tck = 0;
    for (int i = 1; i < atrWithoutTck.length; i++) {
      tck ^= atrWithoutTck[i];
    }
    out[atrWithoutTck.length] = (byte) tck;
    return out;
  }
}
