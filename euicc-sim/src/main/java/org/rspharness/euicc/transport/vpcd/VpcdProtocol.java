package org.rspharness.euicc.transport.vpcd;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The vsmartcard vpcd/vpicc socket protocol (vsmartcard's "Creating a virtual smart card"): every
 * message in either direction is a two-byte big-endian length followed by that many bytes.
 *
 * <p>From the reader (vpcd) to the card, a one-byte message is a control message: {@link
 * #CTRL_POWER_OFF}, {@link #CTRL_POWER_ON} and {@link #CTRL_RESET} get no answer, {@link
 * #CTRL_GET_ATR} is answered with the ATR as an ordinary message. Any longer message is a command
 * APDU, answered with the response APDU. The card never speaks first.
 *
 * <p>Our card side treats power off, power on and reset alike: each calls {@link
 * org.rspharness.euicc.card.Card#reset()}, since each ends the card session a real eUICC would lose
 * (channels, selections, partial commands).
 */
public final class VpcdProtocol {

  /** vpcd's first reader slot: vpcd listens here for the card (stock setup). */
  public static final int DEFAULT_PORT = 35963;

  /** Control message: power off the card. */
  public static final int CTRL_POWER_OFF = 0x00;

  /** Control message: power on the card. */
  public static final int CTRL_POWER_ON = 0x01;

  /** Control message: warm reset. */
  public static final int CTRL_RESET = 0x02;

  /** Control message: send the ATR. */
  public static final int CTRL_GET_ATR = 0x04;

  /** Largest message the two-byte length can carry. */
  public static final int MAX_MESSAGE_LENGTH = 0xFFFF;

  private VpcdProtocol() {}

  /**
   * Reads one message; returns null when the peer closed the stream cleanly between messages, and
   * throws EOFException when it closed in the middle of one.
   */
  public static byte[] readMessage(InputStream in) throws IOException {
    int high = in.read();
    if (high < 0) {
      return null;
    }
    int low = in.read();
    if (low < 0) {
      throw new EOFException("vpcd stream closed inside a length field");
    }
    int length = high << 8 | low;
    byte[] message = in.readNBytes(length);
    if (message.length != length) {
      throw new EOFException(
          "vpcd stream closed after " + message.length + " of " + length + " message bytes");
    }
    return message;
  }

  /** Writes one message (length-prefixed) and flushes. */
  public static void writeMessage(OutputStream out, byte[] message) throws IOException {
    if (message.length > MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException("vpcd message longer than 65535: " + message.length);
    }
    byte[] frame = new byte[2 + message.length];
    frame[0] = (byte) (message.length >>> 8);
    frame[1] = (byte) message.length;
    System.arraycopy(message, 0, frame, 2, message.length);
    out.write(frame);
    out.flush();
  }
}
