package org.rspharness.core.fault;

import java.util.Locale;

/** The moment within one exchange at which a fault applies. */
public enum FaultPoint {
  /** Opening the TCP connection. */
  CONNECT(Layer.NETWORK_CLIENT, Layer.NETWORK_SERVER),
  /** The TLS handshake. */
  TLS_HANDSHAKE(Layer.NETWORK_CLIENT, Layer.NETWORK_SERVER),
  /** Before the first byte of the request. */
  REQUEST_START(Layer.NETWORK_CLIENT, Layer.NETWORK_SERVER),
  /** While the request body is transferred. */
  REQUEST_BODY(Layer.NETWORK_CLIENT, Layer.NETWORK_SERVER),
  /** After the last byte of the request. */
  REQUEST_END(Layer.NETWORK_CLIENT, Layer.NETWORK_SERVER),
  /** Before the first byte of the response. */
  RESPONSE_START(Layer.NETWORK_CLIENT, Layer.NETWORK_SERVER),
  /** While the response body is transferred. */
  RESPONSE_BODY(Layer.NETWORK_CLIENT, Layer.NETWORK_SERVER),
  /** After the last byte of the response. */
  RESPONSE_END(Layer.NETWORK_CLIENT, Layer.NETWORK_SERVER),
  /** The answer the SM-DP+ gives to a function (protocol faults). */
  ANSWER(Layer.PROTOCOL),
  /** Before APDU k of an ES10 command reaches the card. */
  BEFORE_APDU(Layer.CARD),
  /** After APDU k of an ES10 command was handled, before its response leaves the card. */
  AFTER_APDU(Layer.CARD);

  private final Layer[] layers;

  FaultPoint(Layer... layers) {
    this.layers = layers;
  }

  /** True when a rule of {@code layer} may name this point. */
  public boolean belongsTo(Layer layer) {
    for (Layer l : layers) {
      if (l == layer) {
        return true;
      }
    }
    return false;
  }

  /** The file spelling: {@code request-body}. */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses the file spelling (or the constant name). */
  public static FaultPoint parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (FaultPoint p : values()) {
      if (p.name().equals(t)) {
        return p;
      }
    }
    StringBuilder known = new StringBuilder();
    for (FaultPoint p : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(p.fileName());
    }
    throw new IllegalArgumentException(
        "point: '" + text + "' is not a fault point; expected one of " + known);
  }
}
