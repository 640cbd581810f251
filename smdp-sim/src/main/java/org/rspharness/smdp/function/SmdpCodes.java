package org.rspharness.smdp.function;

import org.rspharness.core.status.StatusCode;

/**
 * Codes the simulator answers for requests SGP.22's function tables do not cover: a body that is
 * not the function's JSON, a member that is not valid base64 or ASN.1. SGP.22 section 5.2.6 has the
 * generic reasons 2.1 (invalid) and 2.2 (mandatory element missing); the subject 1.2 ("function")
 * is the harness's choice, see the report.
 */
public final class SmdpCodes {

  private SmdpCodes() {}

  /** A member or the body is malformed (JSON, base64, ASN.1). */
  public static final StatusCode MALFORMED_REQUEST =
      new StatusCode("1.2", "2.1", "invalid request (malformed JSON, base64 or ASN.1)");

  /** A mandatory member is absent. */
  public static final StatusCode MISSING_MEMBER =
      new StatusCode("1.2", "2.2", "mandatory element missing");

  /** An unexpected failure inside the simulator, reported without internals. */
  public static final StatusCode INTERNAL = new StatusCode("1.2", "4.2", "execution error");
}
