package org.rspharness.euicc.card;

import java.util.ArrayList;
import java.util.List;

/**
 * SGP.22 section 5.7.2: the command APDUs an LPA sends to reach the ISD-R, built the way deployed
 * LPAs build them (no Le on STORE DATA, 120-byte blocks by default).
 */
public final class LpaApdus {

  /** The STORE DATA block size most LPAs use. */
  public static final int DEFAULT_BLOCK_SIZE = 120;

  private LpaApdus() {}

  /** ISO 7816-4 section 11.1.2: MANAGE CHANNEL open on the basic channel, card assigns (Le 01). */
  public static CommandApdu openChannel() {
    return CommandApdu.of(0x00, 0x70, 0x00, 0x00, new byte[0], 1);
  }

  /** ISO 7816-4 section 11.1.2: MANAGE CHANNEL close of {@code channel}, sent on the basic one. */
  public static CommandApdu closeChannel(int channel) {
    return CommandApdu.of(0x00, 0x70, 0x80, channel, new byte[0]);
  }

  /** ISO 7816-4 section 11.2.2: SELECT by AID on {@code channel}, FCI requested, no Le. */
  public static CommandApdu select(int channel, byte[] aid) {
    return CommandApdu.of(ClassByte.encode(false, channel), 0xA4, 0x04, 0x00, aid);
  }

  /** ISO 7816-4 section 11.5.1: GET RESPONSE on {@code channel} for {@code ne} bytes (1..256). */
  public static CommandApdu getResponse(int channel, int ne) {
    return CommandApdu.of(ClassByte.encode(false, channel), 0xC0, 0x00, 0x00, new byte[0], ne);
  }

  /**
   * SGP.22 section 5.7.2 and GPC section 11.11: {@code command} as STORE DATA blocks of at most
   * {@code blockSize} bytes on {@code channel}: P1 11 for every block but the last, 91 for the
   * last; P2 the block number from 00 (modulo 256); no Le.
   */
  public static List<CommandApdu> storeData(int channel, byte[] command, int blockSize) {
    if (command == null || command.length == 0) {
      throw new IllegalArgumentException("command must not be empty");
    }
    if (blockSize < 1 || blockSize > 255) {
      throw new IllegalArgumentException("blockSize must be 1..255: " + blockSize);
    }
    int cla = ClassByte.encode(true, channel);
    List<CommandApdu> blocks = new ArrayList<>();
    for (int offset = 0, block = 0; offset < command.length; offset += blockSize, block++) {
      int end = Math.min(command.length, offset + blockSize);
      boolean last = end == command.length;
      byte[] data = java.util.Arrays.copyOfRange(command, offset, end);
      blocks.add(CommandApdu.of(cla, 0xE2, last ? 0x91 : 0x11, block & 0xFF, data));
    }
    return blocks;
  }
}
