package org.rspharness.lpa.es9;

import java.util.Optional;
import org.rspharness.core.cli.Classified;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.Failures;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.transport.http.RspHttpException;

/**
 * An ES9+ function that did not execute: the SM-DP+ answered {@code Failed} or {@code Expired}
 * (with its SGP.22 status code), or the exchange itself failed (no connection, TLS refused, HTTP
 * error status, a body that is not the function's JSON).
 */
public final class Es9Exception extends Exception implements Classified {

  private static final long serialVersionUID = 1L;

  /** What kind of failure. */
  public enum Kind {
    /** The SM-DP+ executed the function and answered Failed/Expired: see statusCodeData. */
    FUNCTION_FAILED,
    /** An HTTP status other than 200 (204 for handleNotification). */
    HTTP_STATUS,
    /** No HTTP response at all: connect, TLS, timeout, connection closed. */
    TRANSPORT,
    /** HTTP 200 but the body is not the function's response JSON (e.g. an HTML page). */
    MALFORMED_RESPONSE
  }

  private final Kind kind;
  private final String function;
  private final int httpStatus;
  private final transient ExecutionStatus executionStatus;
  private final transient StatusCodeData statusCodeData;
  private final RspHttpException.Kind transportKind;

  Es9Exception(
      Kind kind,
      String function,
      int httpStatus,
      ExecutionStatus executionStatus,
      StatusCodeData statusCodeData,
      String message,
      Throwable cause) {
    this(kind, function, httpStatus, executionStatus, statusCodeData, null, message, cause);
  }

  private Es9Exception(
      Kind kind,
      String function,
      int httpStatus,
      ExecutionStatus executionStatus,
      StatusCodeData statusCodeData,
      RspHttpException.Kind transportKind,
      String message,
      Throwable cause) {
    super(function + ": " + message, cause);
    this.transportKind = transportKind;
    this.kind = kind;
    this.function = function;
    this.httpStatus = httpStatus;
    this.executionStatus = executionStatus;
    this.statusCodeData = statusCodeData;
  }

  /** The SM-DP+ answered Failed/Expired with {@code data} (may be null). */
  public static Es9Exception functionFailed(
      String function, ExecutionStatus status, StatusCodeData data) {
    return new Es9Exception(
        Kind.FUNCTION_FAILED,
        function,
        200,
        status,
        data,
        null,
        status.wire() + ": " + (data == null ? "no statusCodeData" : data.describe()),
        null);
  }

  /** No HTTP response: {@code kind} says why. */
  public static Es9Exception transport(
      String function, RspHttpException.Kind kind, String message, Throwable cause) {
    return new Es9Exception(
        Kind.TRANSPORT, function, 0, null, null, kind, kind + ": " + message, cause);
  }

  /** For {@link Kind#TRANSPORT}: connect, TLS, timeout, closed, too large. */
  public Optional<RspHttpException.Kind> transportKind() {
    return Optional.ofNullable(transportKind);
  }

  public Kind kind() {
    return kind;
  }

  /** The ES9+ function, e.g. {@code authenticateClient}. */
  public String function() {
    return function;
  }

  /** The HTTP status received, 0 when none. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Failed or Expired, for {@link Kind#FUNCTION_FAILED}. */
  public Optional<ExecutionStatus> executionStatus() {
    return Optional.ofNullable(executionStatus);
  }

  /** The peer failed: exit 3. */
  @Override
  public int exitCode() {
    return ExitCodes.PEER;
  }

  /** The SGP.22 subject/reason, or what failed on the way (dns, connect, tls, timeout, http). */
  @Override
  public Object code() {
    return switch (kind) {
      case FUNCTION_FAILED ->
          statusCodeData == null
              ? "failed"
              : statusCodeData.subjectCode() + "/" + statusCodeData.reasonCode();
      case TRANSPORT ->
          getCause() instanceof RspHttpException h ? Failures.networkCode(h) : "network";
      case HTTP_STATUS -> "http";
      case MALFORMED_RESPONSE -> "malformed-response";
    };
  }

  /** The meaning of the SGP.22 code, e.g. "matchingId refused". */
  @Override
  public String codeName() {
    return statusCodeData == null
        ? ""
        : statusCodeData.statusCode().map(c -> c.meaning()).orElse("");
  }

  /** The SM-DP+'s subject/reason code, when it sent one. */
  public Optional<StatusCodeData> statusCodeData() {
    return Optional.ofNullable(statusCodeData);
  }
}
