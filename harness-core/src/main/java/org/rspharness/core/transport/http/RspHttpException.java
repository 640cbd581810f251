package org.rspharness.core.transport.http;

/** A request that got no HTTP response: connection refused, TLS refused, timeout, reset. */
public final class RspHttpException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, for LPA logic that reacts differently (e.g. retry on timeout). */
  public enum Kind {
    /** No TCP connection: refused, unreachable, connect timeout. */
    CONNECT_FAILED,
    /** The TLS handshake failed (alert, certificate, closed during the handshake). */
    TLS_FAILED,
    /** No complete response in time. */
    TIMEOUT,
    /** The connection ended (FIN) before a complete response. */
    CONNECTION_CLOSED,
    /** The response exceeds the client's limit. */
    RESPONSE_TOO_LARGE,
    /** The connection was reset (RST) before a complete response. */
    CONNECTION_RESET,
    /** The response head arrived but the connection ended within its body. */
    TRUNCATED_RESPONSE
  }

  private final Kind kind;
  private final int status;
  private final byte[] partialBody;

  public RspHttpException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, 0, null);
  }

  /**
   * An exception that saw part of the response: {@code status} of its head (0 if none) and the
   * {@code partialBody} bytes received before the connection ended (null if none).
   */
  public RspHttpException(
      Kind kind, String message, Throwable cause, int status, byte[] partialBody) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.partialBody = partialBody == null ? null : partialBody.clone();
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of a response cut short, or 0 when no response head arrived. */
  public int status() {
    return status;
  }

  /** The body bytes received before the connection ended, or null when none are known. */
  public byte[] partialBody() {
    return partialBody == null ? null : partialBody.clone();
  }
}
