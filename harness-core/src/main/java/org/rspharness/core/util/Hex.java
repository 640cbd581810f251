package org.rspharness.core.util;

import java.util.HexFormat;
import org.rspharness.core.codec.CodecException;

/** Hex encoding in the upper-case form SGP.22 logs and ES9+ transactionIds use. */
public final class Hex {

  private static final HexFormat UPPER = HexFormat.of().withUpperCase();

  private Hex() {}

  /**
   * True for ASCII 0-9, a-f, A-F only: {@link Character#digit} also accepts Arabic-Indic and
   * full-width digits, which no wire format of ours allows.
   */
  public static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Upper-case hex of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return UPPER.formatHex(bytes);
  }

  /**
   * Decodes hex, ignoring ASCII whitespace (captures are often wrapped); any other non-hex
   * character or an odd digit count raises a {@link CodecException} naming the offset.
   */
  public static byte[] decode(CharSequence text) {
    if (text == null) {
      throw new CodecException("hex: missing (null)", "");
    }
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        continue;
      }
      if (!isHexDigit(c)) {
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
