package org.rspharness.core.ids;

/**
 * SGP.22 section 4.1 Matching ID (the AC_Token of an activation code, or an SM-DS EventID): the
 * value the SM-DP+ uses to find the download order.
 *
 * <p>SGP.22 restricts it to upper-case letters, digits and {@code '-'} (the characters a QR code's
 * alphanumeric mode carries cheaply), at most 255 characters. The empty value is legal: activation
 * codes such as {@code LPA:1$smdp.example.com$} and ES2+ ConfirmOrder use it for "no matchingId".
 * {@link #ofLenient(String)} accepts what deployed SM-DP+s issue beyond that (lower case, {@code
 * _}, {@code .}): any printable ASCII except {@code $} and space.
 */
public record MatchingId(String value) {

  /** Longest value accepted (an activation code is at most 255 characters in all). */
  public static final int MAX_LENGTH = 255;

  /** The empty matchingId. */
  public static final MatchingId EMPTY = new MatchingId("");

  /** Checks only what every form shares (non-null, length, no '$' or control characters). */
  public MatchingId {
    if (value == null) {
      throw new IllegalArgumentException("matchingId: missing");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "matchingId: longer than " + MAX_LENGTH + " characters (" + value.length() + ")");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c > '~' || c == '$') {
        throw new IllegalArgumentException(
            "matchingId: character '" + printable(c) + "' at index " + i + " is not allowed");
      }
    }
  }

  /** Parses a matchingId in the SGP.22 alphabet: 0-9, A-Z and '-' (possibly empty). */
  public static MatchingId of(String value) {
    MatchingId id = new MatchingId(value);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-';
      if (!ok) {
        throw new IllegalArgumentException(
            "matchingId: character '"
                + c
                + "' at index "
                + i
                + " is outside the SGP.22 alphabet (0-9, A-Z, '-')");
      }
    }
    return id;
  }

  /** Parses a matchingId as deployed SM-DP+s issue them: printable ASCII except '$' and space. */
  public static MatchingId ofLenient(String value) {
    return new MatchingId(value);
  }

  /** Whether this is the empty matchingId. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  private static String printable(char c) {
    return c < ' ' || c > '~' ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  @Override
  public String toString() {
    return value;
  }
}
