package org.rspharness.core.codec;

/**
 * The one exception every decoder in the harness throws for malformed input (truncated TLV, wrong
 * tag, over-long length, bad base64, JSON with missing or unknown members).
 *
 * <p>It always says <em>what</em> is wrong and <em>where</em>: {@link #location()} is a byte offset
 * ("offset 17"), a JSON pointer ("/transactionId") or a field path, so a QA engineer can find the
 * culprit in a capture without a debugger. Decoders translate library exceptions into this type so
 * that no IndexOutOfBounds or NullPointer ever leaks out of a codec.
 */
public final class CodecException extends RuntimeException {

  private final String location;

  public CodecException(String message, String location) {
    super(location == null || location.isEmpty() ? message : message + " (at " + location + ")");
    this.location = location == null ? "" : location;
  }

  public CodecException(String message, String location, Throwable cause) {
    this(message, location);
    initCause(cause);
  }

  /** Where in the input the problem was found: a byte offset, JSON pointer or field path. */
  public String location() {
    return location;
  }
}
