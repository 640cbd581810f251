package org.rspharness.core.transport.http;

/** A request that got no HTTP response: connection refused, TLS refused, timeout, reset. */
public final class RspHttpException extends Exception {

  /** What went wrong, for LPA logic that reacts differently (e.g. retry on timeout). */
  public enum Kind {
    CONNECT_FAILED,
    TLS_FAILED,
    TIMEOUT,
    CONNECTION_CLOSED,
    RESPONSE_TOO_LARGE
  }

  private final Kind kind;

  public RspHttpException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
