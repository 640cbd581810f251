package org.rspharness.euicc.card;

import java.util.Arrays;
import java.util.HexFormat;

/** ISO 7816-4 section 5.1: a response APDU, the response data followed by SW1 SW2. */
public final class ResponseApdu {

  private final byte[] data;
  private final StatusWord statusWord;

  private ResponseApdu(byte[] data, StatusWord statusWord) {
    this.data = data;
    this.statusWord = statusWord;
  }

  /** A response with {@code data} (may be empty) and {@code statusWord}. */
  public static ResponseApdu of(byte[] data, StatusWord statusWord) {
    if (data == null || statusWord == null) {
      throw new IllegalArgumentException("data and statusWord must not be null");
    }
    return new ResponseApdu(data.clone(), statusWord);
  }

  /** A response with no data. */
  public static ResponseApdu of(StatusWord statusWord) {
    return of(new byte[0], statusWord);
  }

  /** Splits a response APDU; fewer than two bytes raise an IllegalArgumentException. */
  public static ResponseApdu parse(byte[] apdu) {
    if (apdu == null || apdu.length < 2) {
      throw new IllegalArgumentException(
          "response APDU shorter than SW1 SW2: " + (apdu == null ? 0 : apdu.length));
    }
    int n = apdu.length;
    return new ResponseApdu(
        Arrays.copyOf(apdu, n - 2), StatusWord.of(apdu[n - 2] & 0xFF, apdu[n - 1] & 0xFF));
  }

  /** The response data (a copy). */
  public byte[] data() {
    return data.clone();
  }

  /** SW1 SW2. */
  public StatusWord statusWord() {
    return statusWord;
  }

  /** The encoded response: data || SW1 || SW2. */
  public byte[] toBytes() {
    byte[] out = Arrays.copyOf(data, data.length + 2);
    out[data.length] = (byte) statusWord.sw1();
    out[data.length + 1] = (byte) statusWord.sw2();
    return out;
  }

  @Override
  public String toString() {
    return HexFormat.of().withUpperCase().formatHex(data) + " " + statusWord;
  }
}
