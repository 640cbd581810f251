package org.rspharness.core.ids;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * SM-DP+ address (SGP.22 section 4.1 and 5.6.1): a fully qualified domain name, optionally followed
 * by {@code :port}, with no scheme and no path.
 *
 * <p>SGP.22 section 5.6.1 has the SM-DP+ compare the received address with its own
 * case-insensitively (activation codes carry upper-case hosts), so {@link #equals(Object)} and
 * {@link #hashCode()} use the lower-cased host; {@link #toString()} keeps the spelling received,
 * because that is what appears in logs and is signed into serverSigned1.
 *
 * <p>{@link #of(String)} is strict. {@link #parseLenient(String)} first trims surrounding
 * whitespace, as deployed LPAs do with addresses typed in or read from QR codes.
 */
public final class SmdpAddress {

  private final String value;
  private final String host;
  private final int port; // -1 when absent

  private SmdpAddress(String value, String host, int port) {
    this.value = value;
    this.host = host;
    this.port = port;
  }

  /** Parses {@code host[:port]} strictly: no surrounding spaces, no scheme, no path. */
  public static SmdpAddress of(String value) {
    if (value == null) {
      throw new IllegalArgumentException("SM-DP+ address: missing");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("SM-DP+ address: empty");
    }
    if (value.contains("://")) {
      throw new IllegalArgumentException(
          "SM-DP+ address: '" + value + "' has a scheme; expected a host name only");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        throw new IllegalArgumentException(
            "SM-DP+ address: '" + value + "' contains whitespace at index " + i);
      }
      if (c == '/' || c == '?' || c == '#') {
        throw new IllegalArgumentException(
            "SM-DP+ address: '" + value + "' has a path or query; expected a host name only");
      }
    }
    String host = value;
    int port = -1;
    int colon = value.lastIndexOf(':');
    if (colon >= 0) {
      host = value.substring(0, colon);
      port = parsePort(value, value.substring(colon + 1));
    }
    checkHost(value, host);
    return new SmdpAddress(value, host, port);
  }

  /** Like {@link #of(String)} after trimming surrounding whitespace, as deployed LPAs do. */
  public static SmdpAddress parseLenient(String value) {
    if (value == null) {
      throw new IllegalArgumentException("SM-DP+ address: missing");
    }
    return of(value.strip());
  }

  private static int parsePort(String value, String digits) {
    if (digits.isEmpty()
        || digits.length() > 5
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "SM-DP+ address: '" + value + "' has an invalid port '" + digits + "'");
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "SM-DP+ address: port " + port + " of '" + value + "' is out of range 1-65535");
    }
    return port;
  }

  private static void checkHost(String value, String host) {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("SM-DP+ address: '" + value + "' has no host name");
    }
    if (host.length() > 253) {
      throw new IllegalArgumentException(
          "SM-DP+ address: host name longer than 253 characters (" + host.length() + ")");
    }
    if (host.endsWith(".")) {
      throw new IllegalArgumentException(
          "SM-DP+ address: '" + value + "' ends with '.'; give the name without the root dot");
    }
    for (String label : host.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        throw new IllegalArgumentException(
            "SM-DP+ address: '" + value + "' has an empty or over-long (>63) label");
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw new IllegalArgumentException(
            "SM-DP+ address: label '" + label + "' of '" + value + "' starts or ends with '-'");
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) {
          throw new IllegalArgumentException(
              "SM-DP+ address: character '"
                  + c
                  + "' in '"
                  + value
                  + "' is not allowed in a host name");
        }
      }
    }
  }

  /** The host as received (original case). */
  public String host() {
    return host;
  }

  /** The port, if the address carries one. */
  public OptionalInt port() {
    return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /** The address as received, e.g. {@code SMDP.Example.com:8443}. */
  public String value() {
    return value;
  }

  /** Lower-cased host plus port: the form compared by {@link #equals(Object)}. */
  public String canonical() {
    String h = host.toLowerCase(Locale.ROOT);
    return port < 0 ? h : h + ":" + port;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SmdpAddress other
        && port == other.port
        && host.equalsIgnoreCase(other.host);
  }

  @Override
  public int hashCode() {
    return 31 * host.toLowerCase(Locale.ROOT).hashCode() + port;
  }

  @Override
  public String toString() {
    return value;
  }
}
