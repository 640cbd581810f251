package org.rspharness.scenario.report;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small text helpers shared by the reports. */
public final class Text {

  private Text() {}

  /** Milliseconds with three decimals, always with a dot (reports must not depend on locale). */
  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }

  /** Seconds with three decimals, as JUnit XML wants them. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
  }

  /** A human duration: ms below ten seconds, s above. */
  static String duration(long nanos) {
    if (nanos < 10_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** Escapes for HTML text and attribute values alike. */
  public static String html(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else {
            out.append(xmlAllowed(c) ? c : '\uFFFD');
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Replaces characters XML 1.0 cannot carry at all (most control characters) by U+FFFD, so that
   * any message from a peer can go into a report.
   */
  static String xmlSafe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
        out.append(xmlAllowed(c) ? c : '\uFFFD');
      }
    }
    return out.toString();
  }

  private static boolean xmlAllowed(char c) {
    // Callers pass surrogate pairs through whole; a lone surrogate, U+FFFE/U+FFFF and the C0
    // controls other than tab and line breaks cannot be written.
    return c == '\t'
        || c == '\n'
        || c == '\r'
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD);
  }

  /** Cuts {@code s} to {@code width} characters, ending with an ellipsis when it was cut. */
  public static String truncate(String s, int width) {
    if (s.length() <= width) {
      return s;
    }
    if (width <= 1) {
      return s.substring(0, Math.max(0, width));
    }
    return s.substring(0, width - 1) + "\u2026";
  }

  /** The bytes as strict UTF-8 text, or null when they are not valid UTF-8. */
  static String utf8OrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
