package org.rspharness.euicc.transport.vpcd;

import java.net.InetSocketAddress;

/**
 * Parses vpcd addresses as a command line gives them: {@code PORT}, {@code HOST:PORT} or {@code
 * [IPV6]:PORT}; a bare port means loopback (127.0.0.1), never every interface.
 */
public final class VpcdAddress {

  /** The loopback host used when none is given. */
  public static final String LOOPBACK = "127.0.0.1";

  private VpcdAddress() {}

  /** The socket address {@code spec} names; IllegalArgumentException naming the spec if bad. */
  public static InetSocketAddress parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("vpcd address must not be empty");
    }
    String text = spec.strip();
    String host = LOOPBACK;
    String port = text;
    if (text.startsWith("[")) {
      int close = text.indexOf("]:");
      if (close < 0) {
        throw new IllegalArgumentException("vpcd address '" + spec + "': expected [IPV6]:PORT");
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else if (text.contains(":")) {
      int colon = text.lastIndexOf(':');
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
      if (host.isEmpty() || host.contains(":")) {
        throw new IllegalArgumentException(
            "vpcd address '" + spec + "': expected HOST:PORT (IPv6 as [ADDR]:PORT)");
      }
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("vpcd address '" + spec + "': port is not a number");
    }
    if (number < 0 || number > 0xFFFF) {
      throw new IllegalArgumentException("vpcd address '" + spec + "': port out of range");
    }
    return new InetSocketAddress(host, number);
  }
}
