package org.rspharness.smdp.function;

import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCode;

/**
 * A function of the SM-DP+ ends with an SGP.22 status code: the services throw it, the endpoints
 * turn it into a {@code Failed} header. Never leaves the simulator.
 */
public final class FunctionFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient StatusCode code;
  private final String subjectIdentifier;

  public FunctionFailure(StatusCode code, String message) {
    this(code, null, message);
  }

  public FunctionFailure(StatusCode code, String subjectIdentifier, String message) {
    super(code.key() + " " + (message == null ? code.meaning() : message), null, false, false);
    this.code = code;
    this.subjectIdentifier = subjectIdentifier;
  }

  /** The status code. */
  public StatusCode code() {
    return code;
  }

  /** The status code data for the response header. */
  public StatusCodeData statusCodeData() {
    String msg = getMessage().substring(code.key().length() + 1);
    return StatusCodeData.of(code, subjectIdentifier, msg);
  }
}
