package org.rspharness.core.message;

/**
 * An ES2+ or ES9+ response body: a header, plus output data when the function was executed. Records
 * implementing it require their output members only when {@link ResponseHeader#executed()}.
 */
public interface RspResponse {

  /** The response header. */
  ResponseHeader header();

  /** Requires {@code value} when the header says the function was executed. */
  static <T> T requireIfExecuted(ResponseHeader header, T value, String member) {
    MissingMemberException.require(header, "header");
    return header.executed() ? MissingMemberException.require(value, member) : value;
  }
}
