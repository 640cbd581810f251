package org.rspharness.smdp.cli;

import java.util.function.Consumer;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;

/**
 * {@code smdp serve --json}: one {@code request} line per request served, with the function, the
 * HTTP status and the SGP.22 outcome ({@code code} 0, or the subject/reason the SM-DP+ answered).
 * It writes the same {@link ServedRequests.Entry} the {@code -v} line prints.
 */
public final class RequestLog {

  private RequestLog() {}

  /** The sink writing each served request on {@code lines}. */
  public static Consumer<ServedRequests.Entry> to(JsonLines lines) {
    return e -> {
      String code = e.code();
      String name =
          e.httpStatus() != 200 && e.httpStatus() != 204
              ? "HTTP " + e.httpStatus()
              : code == null
                  ? ""
                  : StatusCodes.find(code.split("/")[0], code.substring(code.indexOf('/') + 1))
                      .map(StatusCode::meaning)
                      .orElse("unknown code");
      Object value =
          e.httpStatus() != 200 && e.httpStatus() != 204 ? "http" : code == null ? 0 : code;
      String status = e.executionStatus();
      lines.request(
          value,
          name,
          e.function()
              + " -> "
              + e.httpStatus()
              + (status == null ? "" : " " + status)
              + (name.isEmpty() ? "" : " (" + value + " " + name + ")"),
          JsonLines.data(
              "interface",
              e.iface(),
              "function",
              e.function(),
              "httpStatus",
              e.httpStatus(),
              "executionStatus",
              status,
              "remote",
              e.remote(),
              "micros",
              Math.round(e.ms() * 1000)));
    };
  }
}
