package org.rspharness.euicc.card;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test ES10 side: BF3E echoes its payload, BF2D answers {@link #LONG_RESPONSE} (1,000 bytes),
 * BF30 answers a bare 9000, BF7F throws, anything else is an unknown tag (6A88). Records every
 * payload and counts resets.
 */
public final class RecordingDispatcher implements Es10Dispatcher {

  /** A 1,000-byte response TLV: BF2D 82 03E3 then 995 bytes 00, 01, 02, ... */
  public static final byte[] LONG_RESPONSE = longResponse();

  private final List<byte[]> commands = new ArrayList<>();
  private int resets;

  @Override
  public synchronized Es10Response handle(byte[] command) {
    commands.add(command.clone());
    int tag = (command[0] & 0xFF) << 8 | (command[1] & 0xFF);
    switch (tag) {
      case 0xBF3E:
        return Es10Response.of(command);
      case 0xBF2D:
        return Es10Response.of(LONG_RESPONSE);
      case 0xBF30:
        return Es10Response.noData();
      case 0xBF7F:
        throw new IllegalStateException("dispatcher failure injected by the test");
      default:
        return Es10Response.status(StatusWord.REFERENCED_DATA_NOT_FOUND);
    }
  }

  @Override
  public synchronized void onCardReset() {
    resets++;
  }

  /** Payloads received so far, in order. */
  public synchronized List<byte[]> commands() {
    return List.copyOf(commands);
  }

  /** Number of resets seen. */
  public synchronized int resets() {
    return resets;
  }

  /** A TLV with tag {@code tag} (two bytes) whose value is {@code valueLength} counting bytes. */
  public static byte[] tlv(int tag, int valueLength) {
    byte[] header;
    if (valueLength < 0x80) {
      header = new byte[] {(byte) (tag >> 8), (byte) tag, (byte) valueLength};
    } else if (valueLength < 0x100) {
      header = new byte[] {(byte) (tag >> 8), (byte) tag, (byte) 0x81, (byte) valueLength};
    } else {
      header =
          new byte[] {
            (byte) (tag >> 8),
            (byte) tag,
            (byte) 0x82,
            (byte) (valueLength >> 8),
            (byte) valueLength
          };
    }
    byte[] out = Arrays.copyOf(header, header.length + valueLength);
    for (int i = 0; i < valueLength; i++) {
      out[header.length + i] = (byte) i;
    }
    return out;
  }

  private static byte[] longResponse() {
    byte[] tlv = tlv(0xBF2D, 995);
    if (tlv.length != 1000) {
      throw new AssertionError("test response must be 1000 bytes");
    }
    return tlv;
  }
}
