package org.rspharness.core.message;

/**
 * SGP.22 section 6.5.1.3 request header of the ES2+ JSON binding. ES9+ requests carry none in
 * SGP.22 v2.x.
 *
 * @param functionRequesterIdentifier who calls (required)
 * @param functionCallIdentifier identifies this call, for correlation (required)
 */
public record RequestHeader(String functionRequesterIdentifier, String functionCallIdentifier) {

  public RequestHeader {
    MissingMemberException.require(functionRequesterIdentifier, "functionRequesterIdentifier");
    MissingMemberException.require(functionCallIdentifier, "functionCallIdentifier");
  }
}
