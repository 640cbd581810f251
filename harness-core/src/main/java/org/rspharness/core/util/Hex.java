package org.rspharness.core.util;

import java.util.HexFormat;
import org.rspharness.core.codec.CodecException;

/** Hex encoding in the upper-case form SGP.22 logs and ES9+ transactionIds use. */
public final class Hex {

  private static final HexFormat UPPER = HexFormat.of().withUpperCase();

  private Hex() {}

  /** Upper-case hex of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return UPPER.formatHex(bytes);
  }

  /**
   * Decodes hex, ignoring ASCII whitespace (captures are often wrapped); any other non-hex
   * character or an odd digit count raises a {@link CodecException} naming the offset.
   */
  public static byte[] decode(CharSequence text) {
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        continue;
      }
      if (Character.digit(c, 16) < 0) {
        throw new CodecException("not a hex digit '" + c + "'", "offset " + i);
      }
      clean.append(c);
    }
    if (clean.length() % 2 != 0) {
      throw new CodecException("odd number of hex digits (" + clean.length() + ")", "");
    }
    return HexFormat.of().parseHex(clean);
  }
}
